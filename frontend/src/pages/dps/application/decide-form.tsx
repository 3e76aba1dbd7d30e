// The buyer's decision on an application: for each category applied for,
// admit or do not admit, and for a category not admitted the reasons, which
// the supplier reads as feedback. Every category is decided at once.
import { useState, type FormEvent } from 'react'
import { api, call } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { describedBy, ErrorMessage } from '../../../components/error-message/error-message'
import { Hint } from '../../../components/hint/hint'
import { Textarea } from '../../../components/textarea/textarea'
import { problemToErrors, type SummaryError } from '../../../forms/problem'
import type { Form } from '../../../forms/use-form'
import type { Application, DecisionInput } from '../types'

/** One category's decision as the buyer has it so far. */
export interface Choice {
  outcome: '' | 'admit' | 'reject'
  reason: string
}

/** outcomeId and reasonId are the ids of a category's fields, as the server's field paths name them. */
export const outcomeId = (i: number) => `decisions-${i}-outcome`
/** reasonId is the id of the reasons box of the category at position i. */
export const reasonId = (i: number) => `decisions-${i}-reason`

/**
 * decisionErrors maps the server's problem to the fields: a problem with the
 * decisions as a whole (not every category decided) goes to the first one.
 */
export function decisionErrors(problem: Parameters<typeof problemToErrors>[0]) {
  const mapped = problemToErrors(problem, { fields: { [reasonId(0)]: 'Give the reasons for not admitting the supplier' } })
  const fix = (f: string | undefined) => (f === 'decisions' ? outcomeId(0) : f)
  const fields = Object.fromEntries(Object.entries(mapped.fields).map(([k, v]) => [fix(k)!, v]))
  return { fields, summary: mapped.summary.map((l) => ({ ...l, field: fix(l.field) })) }
}

/**
 * OutcomeRadios is GOV.UK radios with a conditional reveal: choosing "Do not
 * admit" shows the box for the reasons right under it.
 */
function OutcomeRadios({
  index,
  name,
  choice,
  errors,
  onChange,
}: {
  index: number
  name: string
  choice: Choice
  errors: Record<string, string>
  onChange: (c: Choice) => void
}) {
  const id = outcomeId(index)
  const rid = reasonId(index)
  const hint = undefined
  const error = errors[id]
  const conditional = `${id}-conditional`
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Admit to ‘{name}’?</legend>
        <Hint fieldId={id}>{hint}</Hint>
        <ErrorMessage fieldId={id}>{error}</ErrorMessage>
        <div className="govuk-radios" data-module="govuk-radios">
          <div className="govuk-radios__item">
            <input
              className="govuk-radios__input"
              id={id}
              name={id}
              type="radio"
              value="admit"
              checked={choice.outcome === 'admit'}
              onChange={() => onChange({ ...choice, outcome: 'admit' })}
            />
            <label className="govuk-label govuk-radios__label" htmlFor={id}>
              Admit
            </label>
          </div>
          <div className="govuk-radios__item">
            <input
              className="govuk-radios__input"
              id={`${id}-2`}
              name={id}
              type="radio"
              value="reject"
              checked={choice.outcome === 'reject'}
              onChange={() => onChange({ ...choice, outcome: 'reject' })}
              aria-controls={conditional}
            />
            <label className="govuk-label govuk-radios__label" htmlFor={`${id}-2`}>
              Do not admit
            </label>
          </div>
          <div
            className={`govuk-radios__conditional${choice.outcome === 'reject' ? '' : ' govuk-radios__conditional--hidden'}`}
            id={conditional}
          >
            <Textarea
              id={rid}
              label="Why not?"
              hint="The supplier reads this as feedback. Say which conditions they did not meet and what they could do to join later."
              error={errors[rid]}
              value={choice.reason}
              onChange={(e) => onChange({ ...choice, reason: e.target.value })}
              rows={4}
              spellCheck
            />
          </div>
        </div>
      </fieldset>
    </div>
  )
}

/** Props for DecideForm. */
export interface DecideFormProps {
  app: Application
  form: Pick<Form<Record<string, string>>, 'errors' | 'fail' | 'submit' | 'submitting'>
  /** Takes the application as decided. */
  decided: (app: Application) => void
}

/** DecideForm asks for a decision on every category applied for, and records them all at once. */
export function DecideForm({ app, form, decided }: DecideFormProps) {
  const [choices, setChoices] = useState<Choice[]>(() => app.categories.map(() => ({ outcome: '', reason: '' })))

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing: SummaryError[] = []
    choices.forEach((c, i) => {
      if (!c.outcome) missing.push({ field: outcomeId(i), text: `Choose whether to admit the supplier to ‘${app.categories[i].name}’` })
    })
    if (missing.length) return form.fail(missing)
    const decisions: DecisionInput[] = choices.map((c, i) => ({
      categoryId: app.categories[i].categoryId,
      outcome: c.outcome as DecisionInput['outcome'],
      ...(c.outcome === 'reject' ? { reason: c.reason.trim() } : {}),
    }))
    let saved: Application | undefined
    const ok = await form.submit(
      async () => {
        saved = await call(api.POST('/api/v1/dps-applications/{id}/decision', { params: { path: { id: app.id } }, body: { decisions } }))
      },
      (err) => decisionErrors(err.problem),
    )
    if (ok && saved) decided(saved)
  }

  return (
    <>
      <h2 className="govuk-heading-m">Your decision</h2>
      <p className="govuk-body">
        Admit the supplier to every category whose conditions they meet. We tell them straight away, with your reasons for any category
        they are not admitted to.
      </p>
      <form noValidate onSubmit={onSubmit}>
        {app.categories.map((c, i) => (
          <div className="app-decision" key={c.categoryId}>
            <OutcomeRadios
              index={i}
              name={c.name}
              choice={choices[i]}
              errors={form.errors}
              onChange={(next) => setChoices((cs) => cs.map((x, j) => (j === i ? next : x)))}
            />
          </div>
        ))}
        <Button busy={form.submitting}>Record decision</Button>
      </form>
    </>
  )
}
