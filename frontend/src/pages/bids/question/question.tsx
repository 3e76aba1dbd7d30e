import { useState, type FormEvent, type ReactNode } from 'react'
import { Navigate, useNavigate, useParams } from 'react-router'
import type { ApiProblemError } from '../../../api/errors'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { TextInput } from '../../../components/text-input/text-input'
import { Textarea } from '../../../components/textarea/textarea'
import { formatPounds, penceToPoundsInput, poundsToPence } from '../../../format/money'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { PageNotFound } from '../../errors/page-not-found/page-not-found'
import type { BidAnswerInput, BidFormQuestion, BidView } from '../api-types'
import { useBid } from '../bid-state'
import { YES_NO } from '../form-questions'
import { ConflictBanner } from '../conflict-banner'
import { scoringText } from '../form-questions'
import { LastChange } from '../last-change'
import { lotName } from '../lots/lots'
import { answerOf, bidPath, countWords, missingOf, needsLots } from '../progress'
import { DocumentAnswer } from './document-answer'

/** A lot a price is given for; the whole contract (lotId '') when the opportunity has no lots. */
interface PricedLot {
  id: string
  name: string
}

function pricedLots(bid: BidView, lots: { id: string; title: string }[]): PricedLot[] {
  if (lots.length === 0) return [{ id: '', name: 'The whole contract' }]
  return (bid.lotIds ?? []).map((id) => ({ id, name: lotName(lots, id) }))
}

const fieldKey = (lotId: string) => lotId || 'all'

/**
 * BidQuestion is the page for one question of a bid: yes or no, a written
 * answer with its word count, a price per lot or a pricing schedule with its
 * totals, or documents. Saving sends only this answer, with If-Match; if
 * someone else saved first, the page says so and shows their answer.
 */
export function BidQuestion() {
  const { questionId = '' } = useParams()
  const s = useBid()
  const q = s.form.questions.find((x) => x.id === questionId)
  if (!q) return <PageNotFound />
  if (s.bid.status !== 'draft' || needsLots(q, s.opportunity.lots.length > 0, s.bid)) return <Navigate to={bidPath(s.bid.id)} replace />
  return <QuestionForm key={`${q.id}:${s.generation}`} q={q} />
}

function initialValues(q: BidFormQuestion, bid: BidView, lots: PricedLot[]): Record<string, string> {
  const a = answerOf(bid, q.id)
  const v: Record<string, string> = { passFail: a?.passFail || '', text: a?.text ?? '' }
  for (const lot of lots) {
    const p = (a?.prices ?? []).find((x) => x.lotId === lot.id)
    v[`price-${fieldKey(lot.id)}`] = p ? penceToPoundsInput(p.pricePence) : ''
    for (const line of q.scheduleLines ?? []) {
      const l = (a?.lines ?? []).find((x) => x.lineId === line.id && x.lotId === lot.id)
      v[`line-${line.id}-${fieldKey(lot.id)}`] = l ? penceToPoundsInput(l.unitPricePence) : ''
    }
  }
  return v
}

function QuestionForm({ q }: { q: BidFormQuestion }) {
  const { bid, form: bidForm, opportunity, save, conflict } = useBid()
  const navigate = useNavigate()
  const lots = pricedLots(bid, opportunity.lots)
  const form = useForm(initialValues(q, bid, lots))
  const [refused, setRefused] = useState('')
  const v = form.values
  const mainId = q.kind === 'pass_fail' ? 'passFail' : q.kind === 'price' ? (q.priceMode === 'schedule' ? `line-${q.scheduleLines?.[0]?.id}-${fieldKey(lots[0]?.id ?? '')}` : `price-${fieldKey(lots[0]?.id ?? '')}`) : 'text'
  const answer = answerOf(bid, q.id)
  const missing = missingOf(bid, q.id)
  const count = bidForm.questions.length

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  // Checks what the page can check itself, and builds the answer to send.
  const build = (): { input?: BidAnswerInput; errors: SummaryError[] } => {
    const errors: SummaryError[] = []
    if (q.kind === 'pass_fail') {
      if (!v.passFail) errors.push({ field: 'passFail', text: 'Select yes or no' })
      return { input: { questionId: q.id, passFail: v.passFail as 'yes' | 'no' }, errors }
    }
    if (q.kind === 'text' || q.kind === 'social_value') {
      if (q.wordLimit && countWords(v.text) > q.wordLimit)
        errors.push({ field: 'text', text: `Your answer must be ${q.wordLimit.toLocaleString('en-GB')} words or fewer` })
      return { input: { questionId: q.id, text: v.text }, errors }
    }
    if (q.priceMode === 'schedule') {
      const lines: NonNullable<BidAnswerInput['lines']> = []
      for (const lot of lots)
        for (const line of q.scheduleLines ?? []) {
          const key = `line-${line.id}-${fieldKey(lot.id)}`
          if (!v[key]?.trim()) continue
          const p = poundsToPence(v[key], `The unit price for ${line.description}`)
          if (p.error !== undefined) errors.push({ field: key, text: lots.length > 1 ? `${p.error} (${lot.name})` : p.error })
          else lines.push({ lineId: line.id, lotId: lot.id, unitPricePence: p.pence })
        }
      return { input: { questionId: q.id, lines }, errors }
    }
    const prices: NonNullable<BidAnswerInput['prices']> = []
    for (const lot of lots) {
      const key = `price-${fieldKey(lot.id)}`
      if (!v[key]?.trim()) continue
      const p = poundsToPence(v[key], lot.id ? `Your price for ${lot.name}` : 'Your price')
      if (p.error !== undefined) errors.push({ field: key, text: p.error })
      else prices.push({ lotId: lot.id, pricePence: p.pence })
    }
    return { input: { questionId: q.id, prices }, errors }
  }

  const onProblem = (err: ApiProblemError) => {
    if (err.status === 409 || err.status === 403) {
      setRefused(err.problem.detail || 'This bid can no longer be changed.')
      return { summary: [{ text: err.problem.detail || 'This bid can no longer be changed.' }] }
    }
    const lines = (err.problem.errors ?? []).map((e) => ({ field: mainId, text: e.message ?? '' })).filter((l) => l.text)
    const summary = lines.length ? lines : [{ field: mainId, text: err.problem.detail || 'Your answer could not be saved.' }]
    return { summary, fields: { [mainId]: summary[0].text } }
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const { input, errors } = build()
    if (errors.length || !input) return form.fail(errors)
    let result: 'saved' | 'conflict' = 'saved'
    const ok = await form.submit(async () => {
      result = await save({ answers: [input] })
    }, onProblem)
    if (ok && result === 'saved') navigate(bidPath(bid.id))
  }

  const caption = `Question ${q.number} of ${count}`
  const hint = (
    <>
      {q.guidance && <span className="app-pre-line">{q.guidance}</span>}
      {q.guidance && <br />}
      {scoringText(q)}.{q.required ? '' : ' This question is optional.'}
    </>
  )
  const save_ = <Button busy={form.submitting}>Save and continue</Button>
  let body: ReactNode
  switch (q.kind) {
    case 'pass_fail':
      body = (
        <Radios
          id="passFail"
          legend={q.title}
          isPageHeading
          legendSize="l"
          hint={hint}
          error={form.errors.passFail}
          inline
          items={YES_NO}
          value={v.passFail}
          onChange={(x) => form.set('passFail', x)}
        />
      )
      break
    case 'text':
    case 'social_value':
      body = (
        <Textarea
          id="text"
          label={q.title}
          isPageHeading
          labelSize="l"
          hint={hint}
          error={form.errors.text}
          maxWords={q.wordLimit || undefined}
          rows={12}
          spellCheck
          value={v.text}
          onChange={(e) => form.set('text', e.target.value)}
        />
      )
      break
    case 'price':
      body =
        q.priceMode === 'schedule' ? (
          <Schedule q={q} lots={lots} values={v} errors={form.errors} set={form.set} hint={hint} />
        ) : (
          <fieldset className="govuk-fieldset" aria-describedby="price-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
              <h1 className="govuk-fieldset__heading">{q.title}</h1>
            </legend>
            <div className="govuk-hint" id="price-hint">
              {hint} Give prices in pounds, without VAT.
            </div>
            {lots.map((lot) => (
              <TextInput
                key={lot.id}
                id={`price-${fieldKey(lot.id)}`}
                label={lots.length > 1 || lot.id ? `Your price for ${lot.name}` : 'Your price'}
                labelSize="s"
                prefix="£"
                inputMode="decimal"
                className="govuk-input--width-10"
                error={form.errors[`price-${fieldKey(lot.id)}`]}
                {...form.bind(`price-${fieldKey(lot.id)}`)}
              />
            ))}
          </fieldset>
        )
      break
    case 'document':
      body = <DocumentAnswer q={q} hint={hint} />
      break
  }

  return (
    <Page title={q.title} error={form.summary.length > 0}>
      <BackLink to={bidPath(bid.id)}>Back to your bid</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <ConflictBanner show={conflict} />
          <span className="govuk-caption-l">{caption}</span>
          {q.kind === 'document' ? (
            body
          ) : (
            <form noValidate onSubmit={onSubmit}>
              {body}
              {!refused && save_}
            </form>
          )}
          {missing.length > 0 && (answer || q.kind === 'document') && (
            <div className="govuk-inset-text">
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Still needed before you can submit</p>
              <ul className="govuk-list govuk-list--bullet">
                {missing.map((m) => (
                  <li key={`${m.field}:${m.message}`}>{m.message}</li>
                ))}
              </ul>
            </div>
          )}
          <LastChange change={answer ? { by: answer.updatedBy, at: answer.updatedAt } : undefined} />
        </div>
      </div>
    </Page>
  )
}

function Schedule(props: {
  q: BidFormQuestion
  lots: PricedLot[]
  values: Record<string, string>
  errors: Record<string, string>
  set: (name: string, value: string) => void
  hint: ReactNode
}) {
  const { q, lots, values, errors, set, hint } = props
  const lines = q.scheduleLines ?? []
  return (
    <fieldset className="govuk-fieldset" aria-describedby="schedule-hint">
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
        <h1 className="govuk-fieldset__heading">{q.title}</h1>
      </legend>
      <div className="govuk-hint" id="schedule-hint">
        {hint} Give a unit price in pounds, without VAT, for each line. We work out the totals.
      </div>
      {lots.map((lot) => {
        let total = 0
        let complete = true
        const rows = lines.map((line) => {
          const key = `line-${line.id}-${fieldKey(lot.id)}`
          const p = values[key]?.trim() ? poundsToPence(values[key]) : { error: 'blank' }
          const lineTotal = p.error === undefined ? Math.round(p.pence * line.quantity) : undefined
          if (lineTotal === undefined) complete = false
          else total += lineTotal
          return { line, key, lineTotal }
        })
        return (
          <div key={lot.id} className="app-schedule">
            {lot.id && <h2 className="govuk-heading-m">{lot.name}</h2>}
            <div className="app-schedule__scroll" role="group" aria-label={`Pricing schedule${lot.id ? `, ${lot.name}` : ''}`}>
              <table className="govuk-table">
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Line
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Quantity
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Unit price
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Line total
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {rows.map(({ line, key, lineTotal }) => (
                    <tr className="govuk-table__row" key={line.id}>
                      <th scope="row" className="govuk-table__header">
                        {line.description}
                      </th>
                      <td className="govuk-table__cell govuk-table__cell--numeric">
                        {line.quantity.toLocaleString('en-GB')} {line.unit}
                      </td>
                      <td className="govuk-table__cell">
                        <div className={`govuk-form-group govuk-!-margin-bottom-0${errors[key] ? ' govuk-form-group--error' : ''}`}>
                          <label className="govuk-label govuk-visually-hidden" htmlFor={key}>
                            Unit price for {line.description}
                            {lot.id ? `, ${lot.name}` : ''}
                          </label>
                          {errors[key] && (
                            <p className="govuk-error-message" id={`${key}-error`}>
                              <span className="govuk-visually-hidden">Error:</span> {errors[key]}
                            </p>
                          )}
                          <div className="govuk-input__wrapper">
                            <div className="govuk-input__prefix" aria-hidden="true">
                              £
                            </div>
                            <input
                              className={`govuk-input govuk-input--width-5${errors[key] ? ' govuk-input--error' : ''}`}
                              id={key}
                              name={key}
                              type="text"
                              inputMode="decimal"
                              spellCheck={false}
                              aria-describedby={errors[key] ? `${key}-error` : undefined}
                              value={values[key] ?? ''}
                              onChange={(e) => set(key, e.target.value)}
                            />
                          </div>
                        </div>
                      </td>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{lineTotal === undefined ? '–' : formatPounds(lineTotal)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="govuk-table__row">
                    <th scope="row" colSpan={3} className="govuk-table__header">
                      Total{lot.id ? `, ${lot.name}` : ''}
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold" aria-live="polite">
                      {complete ? formatPounds(total) : `${formatPounds(total)} so far`}
                    </td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </div>
        )
      })}
    </fieldset>
  )
}
