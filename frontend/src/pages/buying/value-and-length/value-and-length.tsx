import { TextInput } from '../../../components/text-input/text-input'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { parseCount, penceToPoundsInput, poundsToPence } from '../../../format/money'
import { inputFromView, type OpportunityInput } from '../draft'
import { TaskPage, useTask } from '../task-page'

const title = 'Value and length'

/** The longest contract the API takes, in months (50 years). */
export const MAX_MONTHS = 600

const messages = {
  fields: {
    estimatedValuePence: 'Enter the estimated value as an amount of money, like 120,000',
    contractMonths: `Enter the length of the contract as a number of months, ${MAX_MONTHS} or fewer`,
  },
}

/**
 * ValueAndLength asks for the estimated value, in pounds without VAT (sent in
 * pence), and how many months the contract lasts.
 */
export function ValueAndLength() {
  const { view, initialErrors } = useTask('value')
  const form = useForm(
    {
      value: view.estimatedValuePence ? penceToPoundsInput(view.estimatedValuePence) : '',
      months: view.contractMonths ? String(view.contractMonths) : '',
    },
    messages,
    initialErrors,
  )

  const build = (): SummaryError[] | OpportunityInput => {
    const errors: SummaryError[] = []
    const value = poundsToPence(form.values.value, 'The estimated value')
    if (value.error !== undefined) errors.push({ field: 'estimatedValuePence', text: value.error })
    else if (value.pence === 0) errors.push({ field: 'estimatedValuePence', text: 'The estimated value must be more than £0' })
    const months = parseCount(form.values.months, 'The length of the contract', MAX_MONTHS)
    if (months.error !== undefined) {
      const text = form.values.months.trim() ? months.error.replace('a whole number, like 12', 'a whole number of months, like 24') : 'Enter how many months the contract lasts'
      errors.push({ field: 'contractMonths', text })
    } else if (months.value === 0) errors.push({ field: 'contractMonths', text: 'The contract must last at least 1 month' })
    if (errors.length || value.pence === undefined || months.value === undefined) return errors
    return { ...inputFromView(view), estimatedValuePence: value.pence, contractMonths: months.value }
  }

  return (
    <TaskPage task="value" title={title} form={form} build={build} messages={messages}>
      <TextInput
        id="estimatedValuePence"
        label="Estimated value, without VAT"
        labelSize="m"
        hint="The total for the whole contract, including any extensions. For example, 120,000."
        error={form.errors.estimatedValuePence}
        prefix="£"
        inputMode="decimal"
        spellCheck={false}
        className="govuk-input--width-10"
        {...form.bind('value')}
      />
      <TextInput
        id="contractMonths"
        label="How long will the contract last?"
        labelSize="m"
        hint="In months, including any extensions. For example, 24 for 2 years."
        error={form.errors.contractMonths}
        suffix="months"
        inputMode="numeric"
        spellCheck={false}
        className="govuk-input--width-4"
        {...form.bind('months')}
      />
    </TaskPage>
  )
}
