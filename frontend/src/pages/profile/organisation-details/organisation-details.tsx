import { Link } from 'react-router'
import { Radios } from '../../../components/radios/radios'
import { TextInput } from '../../../components/text-input/text-input'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { numbersFor } from '../draft'
import { QuestionPage, useQuestion } from '../question'
import { legalForms } from '../../../lib/labels'

const title = 'Organisation details'

/**
 * OrganisationDetails asks for the legal form, the names and the registration
 * numbers that go with the legal form: the numbers asked for change as soon as
 * another legal form is chosen.
 */
export function OrganisationDetails() {
  const { draft, initialErrors } = useQuestion('organisation-details')
  const form = useForm(
    {
      legalForm: draft.legalForm,
      legalName: draft.legalName,
      tradingName: draft.tradingName,
      companiesHouseNumber: draft.companiesHouseNumber,
      charityNumber: draft.charityNumber,
      oscrNumber: draft.oscrNumber,
      fcaNumber: draft.fcaNumber,
      vatNumber: draft.vatNumber,
    },
    {},
    initialErrors,
  )
  const v = form.values
  const n = numbersFor(v.legalForm)

  const check = () => {
    const errors: SummaryError[] = []
    if (!v.legalForm) errors.push({ field: 'legalForm', text: 'Select what type of organisation it is' })
    if (!v.legalName.trim()) errors.push({ field: 'legalName', text: 'Enter your organisation’s legal name' })
    if (n.companiesHouse && !v.companiesHouseNumber.trim())
      errors.push({ field: 'companiesHouseNumber', text: 'Enter your Companies House number' })
    if (n.charity && !v.charityNumber.trim() && !v.oscrNumber.trim())
      errors.push({ field: 'charityNumber', text: 'Enter your charity number, or your Scottish charity number if you are registered in Scotland' })
    if (n.fca && !v.fcaNumber.trim())
      errors.push({ field: 'fcaNumber', text: 'Enter your number on the FCA Mutuals Public Register' })
    return errors.length ? errors : { ...v }
  }

  return (
    <QuestionPage
      section="organisation-details"
      title={title}
      form={form}
      check={check}
      intro={<p className="govuk-body">Tell us who your organisation is, as it is registered.</p>}
    >
      <Radios
        id="legalForm"
        legend="What type of organisation is it?"
        legendSize="m"
        hint="If you are not sure, choose the closest."
        error={form.errors.legalForm}
        items={legalForms}
        value={v.legalForm}
        onChange={(x) => form.set('legalForm', x)}
      />
      <TextInput
        id="legalName"
        label="Legal name"
        labelSize="s"
        hint="As it is registered, for example with Companies House or the Charity Commission. For a sole trader, your own name."
        error={form.errors.legalName}
        autoComplete="organization"
        {...form.bind('legalName')}
      />
      <TextInput
        id="tradingName"
        label="Trading name (optional)"
        labelSize="s"
        hint="If you trade under a different name."
        error={form.errors.tradingName}
        {...form.bind('tradingName')}
      />

      <h2 className="govuk-heading-m">Registration numbers</h2>
      {!v.legalForm && <p className="govuk-body">Choose the type of organisation to see which numbers we need.</p>}
      {n.companiesHouse && (
        <TextInput
          id="companiesHouseNumber"
          label="Companies House number"
          labelSize="s"
          hint="8 characters, like 01234567, or 2 letters and 6 numbers, like SC123456."
          error={form.errors.companiesHouseNumber}
          className="govuk-input--width-10"
          spellCheck={false}
          {...form.bind('companiesHouseNumber')}
        />
      )}
      {n.charity && (
        <>
          <TextInput
            id="charityNumber"
            label="Charity number"
            labelSize="s"
            hint="Your number with the Charity Commission for England and Wales, like 1123456. Leave it blank if you are only registered in Scotland."
            error={form.errors.charityNumber}
            className="govuk-input--width-10"
            spellCheck={false}
            {...form.bind('charityNumber')}
          />
          <TextInput
            id="oscrNumber"
            label="Scottish charity number (optional)"
            labelSize="s"
            hint="If you are registered with the Scottish Charity Regulator (OSCR), like SC012345."
            error={form.errors.oscrNumber}
            className="govuk-input--width-10"
            spellCheck={false}
            {...form.bind('oscrNumber')}
          />
        </>
      )}
      {n.fca && (
        <TextInput
          id="fcaNumber"
          label="FCA Mutuals Public Register number"
          labelSize="s"
          hint="Co-operatives and community benefit societies are registered with the Financial Conduct Authority. The number is like 12345R."
          error={form.errors.fcaNumber}
          className="govuk-input--width-10"
          spellCheck={false}
          {...form.bind('fcaNumber')}
        />
      )}
      {v.legalForm && (
        <TextInput
          id="vatNumber"
          label="VAT registration number (optional)"
          labelSize="s"
          hint={
            <>
              If you are registered for VAT, like GB123456782. See your VAT registration certificate or{' '}
              <Link className="govuk-link" to="/glossary#vat">
                what VAT registration means
              </Link>
              .
            </>
          }
          error={form.errors.vatNumber}
          className="govuk-input--width-20"
          spellCheck={false}
          {...form.bind('vatNumber')}
        />
      )}
    </QuestionPage>
  )
}
