import { Link } from 'react-router'
import { TextInput } from '../../../components/text-input/text-input'
import { Details } from '../../../components/details/details'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { parseCount, penceToPoundsInput, poundsToPence } from '../../../format/money'
import { QuestionPage, useQuestion } from '../question'

const title = 'Size of your organisation'

/**
 * Size asks for the number of staff and the turnover, which decide whether the
 * organisation is micro, small, medium or large. Turnover is typed in pounds
 * and sent in pence.
 */
export function Size() {
  const { draft, initialErrors } = useQuestion('size')
  const form = useForm({ staffCount: draft.staffCount, turnover: draft.turnover }, {}, initialErrors)

  const check = () => {
    const errors: SummaryError[] = []
    const staff = parseCount(form.values.staffCount, 'Number of staff')
    if (staff.error) errors.push({ field: 'staffCount', text: staff.error })
    const turnover = poundsToPence(form.values.turnover, 'Turnover')
    if (turnover.error) errors.push({ field: 'turnover', text: turnover.error })
    if (errors.length) return errors
    // Show the answers back as they will be read: "1,250,000" rather than "1250000".
    return { staffCount: String(staff.value), turnover: penceToPoundsInput(turnover.pence!) }
  }

  return (
    <QuestionPage
      section="size"
      title={title}
      form={form}
      check={check}
      intro={
        <p className="govuk-body">
          We use these to work out whether your organisation is a micro, small or medium-sized business (an{' '}
          <Link className="govuk-link" to="/glossary#sme">
            SME
          </Link>
          ).
        </p>
      }
    >
      <TextInput
        id="staffCount"
        label="How many people work for your organisation?"
        labelSize="m"
        hint="Count full-time equivalents and round up: 2 people working half-time count as 1. Include yourself and any directors or partners who work in the business."
        error={form.errors.staffCount}
        inputMode="numeric"
        spellCheck={false}
        className="govuk-input--width-10"
        {...form.bind('staffCount')}
      />
      <TextInput
        id="turnover"
        label="What was your turnover in your last financial year?"
        labelSize="m"
        hint="Your total income before costs, in pounds, for example 250,000. If you have not finished a year yet, give your best estimate for your first year."
        error={form.errors.turnover}
        prefix="£"
        inputMode="decimal"
        spellCheck={false}
        className="govuk-input--width-10"
        {...form.bind('turnover')}
      />
      <Details summary="How we decide your size">
        <p className="govuk-body">
          A micro business has fewer than 10 staff and a turnover under £2 million. An SME has fewer than 250 staff and a turnover under
          £50 million. If your staff and turnover put you in different sizes, we use the larger one.
        </p>
      </Details>
    </QuestionPage>
  )
}
