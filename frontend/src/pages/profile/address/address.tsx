import { useState } from 'react'
import { Link } from 'react-router'
import { api, call } from '../../../api/client'
import { isProblem } from '../../../api/errors'
import { Fieldset } from '../../../components/fieldset/fieldset'
import { InsetText } from '../../../components/inset-text/inset-text'
import { Select } from '../../../components/select/select'
import { TextInput } from '../../../components/text-input/text-input'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { groupByRegion, useLocalAuthorities } from '../local-authorities'
import { QuestionPage, useQuestion } from '../question'

const title = 'Registered address'

type Lookup =
  | { kind: 'idle' }
  | { kind: 'looking' }
  | { kind: 'found'; name: string }
  | { kind: 'unclear'; postcode: string; among: string[] }
  | { kind: 'failed' }

/** andList joins names as a sentence does: "Islington and Hackney", "A, B and C". */
export function andList(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

/** lookupPostcode checks a postcode and suggests its local authority. The path takes it without spaces. */
async function lookupPostcode(postcode: string) {
  return call(api.GET('/api/v1/postcodes/{postcode}', { params: { path: { postcode: postcode.replace(/\s+/g, '').toUpperCase() } } }))
}

/**
 * Address asks for the registered address and the local authority it is in.
 * "Find local authority" suggests the authority from the postcode when the
 * postcode district lies in one borough; the person can always choose another.
 */
export function Address() {
  const { draft, initialErrors } = useQuestion('address')
  const form = useForm(
    {
      addressLine1: draft.addressLine1,
      addressLine2: draft.addressLine2,
      town: draft.town,
      postcode: draft.postcode,
      localAuthorityCode: draft.localAuthorityCode,
    },
    {},
    initialErrors,
  )
  const las = useLocalAuthorities()
  const [lookup, setLookup] = useState<Lookup>({ kind: 'idle' })
  const v = form.values

  const find = async () => {
    if (!v.postcode.trim()) {
      form.fail([{ field: 'postcode', text: 'Enter a postcode to find its local authority' }])
      return
    }
    setLookup({ kind: 'looking' })
    try {
      const r = await lookupPostcode(v.postcode)
      form.set('postcode', r.postcode)
      if (r.localAuthority) {
        form.set('localAuthorityCode', r.localAuthority.code)
        setLookup({ kind: 'found', name: r.localAuthority.name })
      } else {
        setLookup({ kind: 'unclear', postcode: r.postcode, among: r.among.map((a) => a.name) })
      }
    } catch (err) {
      setLookup({ kind: 'idle' })
      if (isProblem(err)) form.fail([{ field: 'postcode', text: 'Enter a real postcode, like N1 9GU' }])
      else setLookup({ kind: 'failed' })
    }
  }

  const check = () => {
    const errors: SummaryError[] = []
    if (!v.addressLine1.trim()) errors.push({ field: 'addressLine1', text: 'Enter the first line of your registered address' })
    if (!v.town.trim()) errors.push({ field: 'town', text: 'Enter the town or city' })
    if (!v.postcode.trim()) errors.push({ field: 'postcode', text: 'Enter your postcode' })
    else if (!/^[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2}$/.test(v.postcode.trim()))
      errors.push({ field: 'postcode', text: 'Enter a real postcode, like N1 9GU' })
    if (!v.localAuthorityCode) errors.push({ field: 'localAuthorityCode', text: 'Choose your local authority' })
    return errors.length ? errors : { ...v, postcode: v.postcode.trim().toUpperCase() }
  }

  return (
    <QuestionPage section="address" title={title} form={form} check={check} headingInField>
      <Fieldset legend={<><span className="govuk-caption-l">Your organisation’s profile</span>{title}</>} isPageHeading legendSize="l">
        <p className="govuk-body">The address your organisation is registered at, for example with Companies House.</p>
        <TextInput
          id="addressLine1"
          label={
            <>
              Address line 1<span className="govuk-visually-hidden"> of 2</span>
            </>
          }
          error={form.errors.addressLine1}
          autoComplete="address-line1"
          {...form.bind('addressLine1')}
        />
        <TextInput
          id="addressLine2"
          label={
            <>
              Address line 2 (optional)<span className="govuk-visually-hidden"> of 2</span>
            </>
          }
          error={form.errors.addressLine2}
          autoComplete="address-line2"
          {...form.bind('addressLine2')}
        />
        <TextInput
          id="town"
          label="Town or city"
          error={form.errors.town}
          autoComplete="address-level2"
          className="govuk-!-width-two-thirds"
          {...form.bind('town')}
        />
        <TextInput
          id="postcode"
          label="Postcode"
          error={form.errors.postcode}
          autoComplete="postal-code"
          className="govuk-input--width-10"
          spellCheck={false}
          {...form.bind('postcode')}
        />
      </Fieldset>

      <h2 className="govuk-heading-m">Local authority</h2>
      <p className="govuk-body">
        The council area your address is in. We use it to work out{' '}
        <Link className="govuk-link" to="/glossary#locality">
          how local your organisation is
        </Link>{' '}
        to this council.
      </p>
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
        onClick={() => void find()}
        aria-disabled={lookup.kind === 'looking' || undefined}
      >
        Find local authority from postcode
      </button>
      <div role="status" aria-live="polite">
        {lookup.kind === 'found' && (
          <InsetText>
            Your postcode is in <strong>{lookup.name}</strong>. We have chosen it below: check it is right.
          </InsetText>
        )}
        {lookup.kind === 'unclear' && (
          <InsetText>
            {lookup.among.length > 1 ? (
              <>
                {lookup.postcode} is in an area split between <strong>{andList(lookup.among)}</strong>. Choose yours from the list: your
                council tax or business rates bill says which.
              </>
            ) : (
              <>{lookup.postcode} could be in more than one local authority. Choose yours from the list.</>
            )}
          </InsetText>
        )}
        {lookup.kind === 'failed' && <InsetText>Sorry, we could not look up your postcode just now. Choose your local authority from the list.</InsetText>}
      </div>
      {las.failed ? (
        <p className="govuk-body">Sorry, we cannot show the list of local authorities just now. Try again later.</p>
      ) : (
        <Select
          id="localAuthorityCode"
          label="Local authority"
          labelSize="s"
          hint="Grouped by region. Type the first letters of its name to jump to it."
          error={form.errors.localAuthorityCode}
          value={v.localAuthorityCode}
          onChange={(e) => {
            form.set('localAuthorityCode', e.target.value)
            setLookup({ kind: 'idle' })
          }}
          options={[{ value: '', text: 'Choose local authority' }, ...groupByRegion(las.list)]}
        />
      )}
    </QuestionPage>
  )
}
