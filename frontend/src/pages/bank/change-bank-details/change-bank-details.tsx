import { useEffect, type FormEvent } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { api, call, type BankDetails } from '../../../api/client'
import { useOrganisationId } from '../../../app/require-role'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { InsetText } from '../../../components/inset-text/inset-text'
import { Page } from '../../../components/page/page'
import { TextInput } from '../../../components/text-input/text-input'
import { useForm } from '../../../forms/use-form'
import { formatDate } from '../../../format/dates'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { LoadGate } from '../../../lib/load-gate'
import { canStop, bankRefusal, useBankDetails, type BankNotice } from '../bank-state'
import { checkBankValues, emptyBankValues, FirstDetailsNext, useBankEntry } from '../bank-entry'

const changeTitle = 'Change your bank details'
const firstTitle = 'Add your bank details'
const messages = {
  fields: {
    accountName: 'Enter the name on the account',
    sortCode: 'Enter a valid sort code, like 309430',
    accountNumber: 'Enter an account number that is 8 digits long, like 00733445',
  },
}

/**
 * ChangeBankDetails asks for bank details. A change does not take effect until
 * it has been checked; the page says so before and after. First details (none
 * on record yet) go to a check page before they are sent.
 */
export function ChangeBankDetails() {
  const load = useBankDetails()
  return <LoadGate load={load} {...bankRefusal}>{(d) => <EnterDetails details={d} />}</LoadGate>
}

function EnterDetails({ details: d }: { details: BankDetails }) {
  const navigate = useNavigate()
  const org = useOrganisationId()
  const entry = useBankEntry()
  const form = useForm({ ...emptyBankValues, ...entry.values }, messages)
  const { hash } = useLocation()
  const first = !d.current
  const title = first ? firstTitle : changeTitle

  // A Change link on the check page leads to its field.
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.focus()
  }, [hash])

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const wrong = checkBankValues(form.values)
    if (wrong.length) return form.fail(wrong)
    if (first) {
      entry.setValues({ ...form.values })
      navigate('/bank-details/check')
      return
    }
    let message = ''
    const ok = await form.submit(async () => {
      const r = await call(
        api.POST('/api/v1/supplier/bank-details', {
          params: { query: { organisationId: org } },
          body: { accountName: form.values.accountName.trim(), sortCode: form.values.sortCode, accountNumber: form.values.accountNumber },
        }),
      )
      message = r.message
    })
    if (ok) {
      const state: BankNotice = { notice: message || 'We have emailed every owner of your organisation about this change.' }
      navigate('/bank-details', { state })
    }
  }

  const replacing = d.changes.find(canStop)
  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/bank-details" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{d.organisationName}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          {first ? (
            <>
              <p className="govuk-body">These are the details of the account the council will pay your organisation into.</p>
              <FirstDetailsNext details={d} />
            </>
          ) : (
            <>
              <p className="govuk-body">The new details will not be used straight away. First:</p>
              <ul className="govuk-list govuk-list--bullet">
                <li>we email every owner of your organisation about the change</li>
                <li>a council officer calls you back to check it was you</li>
                <li>a second officer approves it, and a short cooling-off period passes</li>
              </ul>
              <p className="govuk-body">Until then we keep paying the account we had before.</p>
            </>
          )}
          {replacing && (
            <InsetText>
              This will replace the {first ? 'details you sent' : 'change asked for'} on {formatDate(replacing.requestedAt)}, and
              their checks start again.
            </InsetText>
          )}
          <form noValidate onSubmit={onSubmit}>
            <TextInput
              id="accountName"
              label="Name on the account"
              hint="As it appears on your bank statements."
              error={form.errors.accountName}
              autoComplete="off"
              spellCheck={false}
              {...form.bind('accountName')}
            />
            <TextInput
              id="sortCode"
              label="Sort code"
              hint="Must be 6 digits long, like 309430."
              error={form.errors.sortCode}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              className="govuk-input--width-5"
              {...form.bind('sortCode')}
            />
            <TextInput
              id="accountNumber"
              label="Account number"
              hint="Must be 8 digits long, like 00733445. After you enter it, we only ever show its last 4 digits."
              error={form.errors.accountNumber}
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              className="govuk-input--width-10"
              {...form.bind('accountNumber')}
            />
            <Button busy={form.submitting}>{first ? 'Continue' : 'Ask for this change'}</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
