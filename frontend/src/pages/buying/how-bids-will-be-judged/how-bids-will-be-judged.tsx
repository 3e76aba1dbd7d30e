import { useState } from 'react'
import { useSite } from '../../../app/site'
import { Select } from '../../../components/select/select'
import { Textarea } from '../../../components/textarea/textarea'
import { TextInput } from '../../../components/text-input/text-input'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { inputFromView, type OpportunityInput } from '../draft'
import { criterionKinds } from '../labels'
import {
  formatPercent,
  parsePercent,
  percentInput,
  socialValueBand,
  socialValueProblem,
  socialValueWeight,
  totalWeight,
  weightsMessage,
  type Rules,
} from '../rules'
import { TaskPage, useTask } from '../task-page'

const title = 'How bids will be judged'

/** The most criteria the API takes. */
export const MAX_CRITERIA = 30

/** A criterion as typed: its weight as a percentage, as a string. */
export interface CriterionRow {
  name: string
  kind: string
  weight: string
  description: string
}

/** The criteria a new draft starts with: most councils judge these three. */
export const STARTING_CRITERIA: CriterionRow[] = [
  { name: 'Price', kind: 'price', weight: '', description: '' },
  { name: 'Quality', kind: 'quality', weight: '', description: '' },
  { name: 'Social value', kind: 'social_value', weight: '', description: '' },
]

/** weightsOf reads the weights as typed; one that cannot be read counts as 0 in the running totals. */
export function weightsOf(rows: CriterionRow[]): { kind: string; weightBp: number }[] {
  return rows.map((r) => ({ kind: r.kind, weightBp: parsePercent(r.weight).bp ?? 0 }))
}

/**
 * checkCriteria checks the criteria as typed against the council's rules: each
 * named, with a kind and a weight; the weights adding up to 100%; and social
 * value weighing enough, or explained. It returns the criteria as the API
 * takes them, or the summary lines in the order of the page.
 */
export function checkCriteria(
  rows: CriterionRow[],
  justification: string,
  rules: Rules,
): { criteria: NonNullable<OpportunityInput['criteria']>; errors: SummaryError[] } {
  const errors: SummaryError[] = []
  if (rows.length === 0) errors.push({ field: 'add-criterion', text: 'Add the criteria bids will be judged on, with their weights' })
  const criteria = rows.map((r, i) => {
    const n = i + 1
    if (!r.name.trim()) errors.push({ field: `criteria-${i}-name`, text: `Enter the name of criterion ${n}, for example Price or Social value` })
    if (!criterionKinds.some((k) => k.value === r.kind)) errors.push({ field: `criteria-${i}-kind`, text: `Choose what criterion ${n} judges` })
    const w = parsePercent(r.weight, `The weight of criterion ${n}`)
    if (w.error !== undefined) errors.push({ field: `criteria-${i}-weightBp`, text: w.error })
    return { name: r.name.trim(), kind: r.kind as 'price' | 'quality' | 'social_value', description: r.description.trim(), weightBp: w.bp ?? 0 }
  })
  if (errors.length) return { criteria, errors }
  const total = weightsMessage(totalWeight(criteria))
  if (!total.ok) errors.push({ field: 'criteria-0-weightBp', text: total.text })
  const sv = socialValueWeight(criteria)
  const svProblem = socialValueProblem(sv, justification, rules)
  if (svProblem) {
    const first = criteria.findIndex((c) => c.kind === 'social_value')
    const field = socialValueBand(sv, rules) === 'justify' ? 'socialValueJustification' : first >= 0 ? `criteria-${first}-weightBp` : 'criteria-0-kind'
    errors.push({ field, text: svProblem })
  }
  return { criteria, errors }
}

/**
 * HowBidsWillBeJudged asks for the evaluation criteria and their weights, with
 * a running total as the buyer types, and checks social value against the
 * council's rules as they type: at least the minimum needs nothing, between
 * the floor and the minimum needs a justification shown publicly, and below
 * the floor is refused.
 */
export function HowBidsWillBeJudged() {
  const { view, initialErrors } = useTask('evaluation')
  const { opportunityRules: rules } = useSite()
  const form = useForm({}, {}, initialErrors)
  const [rows, setRows] = useState<CriterionRow[]>(() =>
    view.criteria.length
      ? view.criteria.map((c) => ({ name: c.name, kind: c.kind, weight: percentInput(c.weightBp), description: c.description }))
      : STARTING_CRITERIA,
  )
  const [justification, setJustification] = useState(view.socialValueJustification)
  const setRow = (i: number, part: keyof CriterionRow, value: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [part]: value } : r)))

  const weights = weightsOf(rows)
  const total = weightsMessage(totalWeight(weights))
  const sv = socialValueWeight(weights)
  const band = socialValueBand(sv, rules)
  const min = formatPercent(rules.socialValueMinBp)
  const floor = formatPercent(rules.socialValueFloorBp)
  // Asked for while social value weighs less than the minimum but enough with a
  // reason; also when the page opens with the server asking for it, so that the
  // error summary's link has somewhere to go.
  const showJustification = band === 'justify' || (form.attempt === 0 && Boolean(form.errors.socialValueJustification))

  const build = (): SummaryError[] | OpportunityInput => {
    const checked = checkCriteria(rows, justification, rules)
    if (checked.errors.length) return checked.errors
    return {
      ...inputFromView(view),
      criteria: checked.criteria,
      // A justification is only for a weighting below the minimum; above it, none is shown.
      socialValueJustification: socialValueBand(socialValueWeight(checked.criteria), rules) === 'ok' ? '' : justification.trim(),
    }
  }

  return (
    <TaskPage
      task="evaluation"
      title={title}
      form={form}
      build={build}
      intro={
        <>
          <p className="govuk-body">
            List what bids will be judged on and how much each counts, as a percentage. The weights must add up to 100%.
          </p>
          <p className="govuk-body">
            Social value (local jobs, apprenticeships, the environment, and the like) must count for at least {min}. It can count for
            less, down to {floor}, only if you explain why: suppliers see your explanation.
          </p>
        </>
      }
    >
      {rows.map((r, i) => (
        <fieldset className="govuk-fieldset" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Criterion {i + 1}</legend>
          <TextInput id={`criteria-${i}-name`} label="Name" error={form.errors[`criteria-${i}-name`]} value={r.name} onChange={(e) => setRow(i, 'name', e.target.value)} />
          <Select
            id={`criteria-${i}-kind`}
            label="What it judges"
            error={form.errors[`criteria-${i}-kind`]}
            value={r.kind}
            onChange={(e) => setRow(i, 'kind', e.target.value)}
            options={[{ value: '', text: 'Choose' }, ...criterionKinds]}
          />
          <TextInput
            id={`criteria-${i}-weightBp`}
            label="Weight"
            hint="For example, 20 or 12.5"
            error={form.errors[`criteria-${i}-weightBp`]}
            suffix="%"
            inputMode="decimal"
            spellCheck={false}
            className="govuk-input--width-4"
            value={r.weight}
            onChange={(e) => setRow(i, 'weight', e.target.value)}
          />
          <Textarea
            id={`criteria-${i}-description`}
            label="What you will look for (optional)"
            rows={2}
            error={form.errors[`criteria-${i}-description`]}
            value={r.description}
            onChange={(e) => setRow(i, 'description', e.target.value)}
          />
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
          >
            Remove<span className="govuk-visually-hidden"> criterion {i + 1}</span>
          </button>
        </fieldset>
      ))}
      {rows.length < MAX_CRITERIA && (
        <div className="govuk-!-margin-bottom-6">
          <button
            type="button"
            id="add-criterion"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            onClick={() => setRows((rs) => [...rs, { name: '', kind: '', weight: '', description: '' }])}
          >
            Add another criterion
          </button>
        </div>
      )}

      <div className="govuk-inset-text">
        <p className="govuk-body" role="status" id="weights-total">
          <strong>{total.text}</strong>
        </p>
        <p className="govuk-body govuk-!-margin-bottom-0" role="status" id="social-value-total">
          {band === 'ok' && `Social value weighs ${formatPercent(sv)}. That meets the council’s minimum of ${min}.`}
          {band === 'justify' && `Social value weighs ${formatPercent(sv)}, less than ${min}. Explain why below: your explanation is shown on the public page.`}
          {band === 'refused' && <strong>{`Social value weighs ${formatPercent(sv)}. It must weigh at least ${floor}, and at least ${min} unless you explain why.`}</strong>}
        </p>
      </div>

      {showJustification && (
        <Textarea
          id="socialValueJustification"
          label={`Why does social value weigh less than ${min}?`}
          labelSize="m"
          hint="Suppliers and the public see this on the opportunity’s page."
          error={form.errors.socialValueJustification}
          maxLength={5000}
          rows={4}
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
        />
      )}
    </TaskPage>
  )
}
