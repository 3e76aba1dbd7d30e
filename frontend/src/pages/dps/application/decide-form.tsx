// The buyer's decision on an application: for each category waiting for one,
// admit or do not admit, and for a category not admitted the reasons, which
// the supplier reads as feedback. With more than one waiting, some may be left
// to decide later (references to check for one, say).
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
  outcome: '' | 'admit' | 'reject' | 'later'
  reason: string
}

/** outcomeId and reasonId are the ids of a category's fields, as the server's field paths name them. */
export const outcomeId = (i: number) => `decisions-${i}-outcome`
/** reasonId is the id of the reasons box of the category at position i. */
export const reasonId = (i: number) => `decisions-${i}-reason`

/**
 * decisionErrors maps the server's problem to the fields: a problem with the
 * decisions as a whole goes to the first one, and the server's position in the
 * decisions sent (sent[j] is the form's position of the j-th) back to the form's.
 */
export function decisionErrors(problem: Parameters<typeof problemToErrors>[0], sent: number[]) {
  const mapped = problemToErrors(problem, { fields: { [reasonId(0)]: 'Give the reasons for not admitting the supplier' } })
  const fix = (f: string | undefined) => {
    if (f === 'decisions') return outcomeId(0)
    const m = f ? /^decisions-(\d+)-(\w+)$/.exec(f) : null
    if (!m) return f
    const i = sent[Number(m[1])] ?? Number(m[1])
    return m[2] === 'reason' ? reasonId(i) : outcomeId(i)
  }
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
  offerLater,
  onChange,
}: {
  index: number
  name: string
  choice: Choice
  errors: Record<string, string>
  offerLater: boolean
  onChange: (c: Choice) => void
}) {
  const id = outcomeId(index)
  const rid = reasonId(index)
  const hint = undefined
  const error = errors[id]
  const conditional = `${id}-conditional`
  const item = (itemId: string, outcome: Choice['outcome'], label: string, controls?: string) => (
    <div className="govuk-radios__item">
      <input
        className="govuk-radios__input"
        id={itemId}
        name={id}
        type="radio"
        value={outcome}
        checked={choice.outcome === outcome}
        onChange={() => onChange({ ...choice, outcome })}
        aria-controls={controls}
      />
      <label className="govuk-label govuk-radios__label" htmlFor={itemId}>
        {label}
      </label>
    </div>
  )
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Admit to ‘{name}’?</legend>
        <Hint fieldId={id}>{hint}</Hint>
        <ErrorMessage fieldId={id}>{error}</ErrorMessage>
        <div className="govuk-radios" data-module="govuk-radios">
          {item(id, 'admit', 'Admit')}
          {item(`${id}-2`, 'reject', 'Do not admit', conditional)}
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
          {offerLater && item(`${id}-3`, 'later', 'Decide later')}
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

/**
 * DecideForm asks for a decision on each category waiting for one, and records
 * those decided now; with more than one waiting, any may be left for later.
 */
export function DecideForm({ app, form, decided }: DecideFormProps) {
  const waiting = app.categories.filter((c) => c.status === 'requested')
  const [choices, setChoices] = useState<Choice[]>(() => waiting.map(() => ({ outcome: '', reason: '' })))
  const offerLater = waiting.length > 1
  // A refusal is checked before it is sent: the supplier is told at once, and cannot be untold.
  const [checking, setChecking] = useState(false)

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing: SummaryError[] = []
    choices.forEach((c, i) => {
      if (!c.outcome) missing.push({ field: outcomeId(i), text: `Choose whether to admit the supplier to ‘${waiting[i].name}’` })
      else if (c.outcome === 'reject' && !c.reason.trim()) missing.push({ field: reasonId(i), text: 'Give the reasons for not admitting the supplier' })
    })
    if (!missing.length && choices.every((c) => c.outcome === 'later'))
      missing.push({ field: outcomeId(0), text: 'Decide at least one category now, or come back when you can' })
    if (missing.length) return form.fail(missing)
    if (choices.some((c) => c.outcome === 'reject')) {
      setChecking(true)
      window.scrollTo?.(0, 0)
      return
    }
    await send()
  }

  const send = async () => {
    const sent: number[] = []
    const decisions: DecisionInput[] = []
    choices.forEach((c, i) => {
      if (c.outcome === 'later' || !c.outcome) return
      sent.push(i)
      decisions.push({ categoryId: waiting[i].categoryId, outcome: c.outcome, ...(c.outcome === 'reject' ? { reason: c.reason.trim() } : {}) })
    })
    let saved: Application | undefined
    const ok = await form.submit(
      async () => {
        saved = await call(api.POST('/api/v1/dps-applications/{id}/decision', { params: { path: { id: app.id } }, body: { decisions } }))
      },
      (err) => decisionErrors(err.problem, sent),
    )
    if (ok && saved) decided(saved)
    else setChecking(false) // back to the form, where the server's problems are shown
  }

  if (checking)
    return (
      <>
        <h2 className="govuk-heading-m" tabIndex={-1} ref={(h) => h?.focus()}>
          Check your decision before the supplier is told
        </h2>
        <dl className="govuk-summary-list" data-testid="check-decision">
          {waiting.map((c, i) => (
            <div className="govuk-summary-list__row" key={c.categoryId}>
              <dt className="govuk-summary-list__key">{c.name}</dt>
              <dd className="govuk-summary-list__value">
                {choices[i].outcome === 'admit' && 'Admit'}
                {choices[i].outcome === 'later' && 'Decide later'}
                {choices[i].outcome === 'reject' && (
                  <>
                    <strong>Do not admit.</strong> The supplier reads:
                    <br />
                    <span className="app-pre-line">{choices[i].reason.trim()}</span>
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            The supplier is told at once, by email and in their inbox. A refusal cannot be taken back, though they may apply again.
          </strong>
        </div>
        <div className="govuk-button-group">
          <Button type="button" busy={form.submitting} onClick={() => void send()}>
            Confirm and tell the supplier
          </Button>
          <Button type="button" variant="secondary" onClick={() => setChecking(false)}>
            Change the decision
          </Button>
        </div>
      </>
    )

  return (
    <>
      <h2 className="govuk-heading-m">Your decision</h2>
      <p className="govuk-body">
        Admit the supplier to every category whose conditions they meet. We tell them straight away, with your reasons for any category
        they are not admitted to.
        {offerLater && ' If you need longer for a category, decide the others now and that one later.'}
      </p>
      <form noValidate onSubmit={onSubmit}>
        {waiting.map((c, i) => (
          <div className="app-decision" key={c.categoryId}>
            <OutcomeRadios
              index={i}
              name={c.name}
              choice={choices[i]}
              errors={form.errors}
              offerLater={offerLater}
              onChange={(next) => setChoices((cs) => cs.map((x, j) => (j === i ? next : x)))}
            />
          </div>
        ))}
        <Button busy={form.submitting}>Record decision</Button>
      </form>
    </>
  )
}
