import { useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { isProblem, isServiceUnavailable } from '../../../api/errors'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { WarningText } from '../../../components/warning-text/warning-text'
import { formatPounds } from '../../../format/money'
import type { SummaryError } from '../../../forms/problem'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { newIdempotencyKey, submitBid } from '../api'
import type { BidFormQuestion, BidReceipt, BidView } from '../api-types'
import { useBid } from '../bid-state'
import '../bids.css'
import { lotName } from '../lots/lots'
import { answerOf, bidPath, documentsOf, missingPath, questionPath } from '../progress'

/** What the confirmation page is told of the submission just made. */
export interface Submitted {
  receipt?: BidReceipt
}

function answerText(q: BidFormQuestion, bid: BidView, lots: { id: string; title: string }[]): string {
  const a = answerOf(bid, q.id)
  switch (q.kind) {
    case 'pass_fail':
      return a?.passFail === 'yes' ? 'Yes' : a?.passFail === 'no' ? 'No' : 'Not answered'
    case 'text':
    case 'social_value':
      if (!a?.text?.trim()) return 'Not answered'
      return `${a.text.length > 300 ? `${a.text.slice(0, 300)}…` : a.text} (${a.wordCount ?? 0} words${q.wordLimit ? ` of ${q.wordLimit.toLocaleString('en-GB')}` : ''})`
    case 'document': {
      const docs = documentsOf(bid, q.id)
      return docs.length ? docs.map((d) => d.filename).join(', ') : 'No files uploaded'
    }
    case 'price': {
      const totals = bid.totals ?? []
      if (q.priceMode !== 'schedule' && (a?.prices ?? []).length)
        return (a?.prices ?? []).map((p) => `${lots.length ? `${lotName(lots, p.lotId)}: ` : ''}${formatPounds(p.pricePence)}`).join('; ')
      if (q.priceMode === 'schedule' && (a?.lines ?? []).length)
        return totals.length
          ? totals.map((t) => `${lots.length ? `${lotName(lots, t.lotId)}: ` : ''}${t.totalText || formatPounds(t.totalPence)} in total`).join('; ')
          : `${(a?.lines ?? []).length} unit prices given`
      return 'Not answered'
    }
  }
}

/**
 * CheckAnswers is "Check your answers before submitting your bid": each
 * answer with a link to change it, what is still missing linked to its
 * question, and the submit button. Each submit attempt has its own
 * idempotency key, reused when the same attempt is sent again after the
 * service failed to answer, so it can never make two submissions.
 */
export function CheckAnswers() {
  const { bid, form, opportunity, reload } = useBid()
  const navigate = useNavigate()
  const key = useRef<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [down, setDown] = useState(false)
  const [errors, setErrors] = useState<SummaryError[]>([])
  const [attempt, setAttempt] = useState(0)
  const lots = opportunity.lots
  const missing = bid.missing ?? []
  const canSubmit = bid.status === 'draft' || bid.status === 'withdrawn'
  const title = 'Check your answers before submitting your bid'

  if (down) return <ServiceProblem onRetry={() => setDown(false)} />

  const submit = async () => {
    if (busy) return
    setBusy(true)
    key.current ??= newIdempotencyKey()
    try {
      const receipt = await submitBid(bid.id, key.current)
      key.current = null
      await reload().catch(() => undefined)
      const state: Submitted = { receipt }
      navigate(bidPath(bid.id, 'submitted'), { state })
    } catch (err) {
      if (isServiceUnavailable(err)) {
        // The same attempt: sent again, it gets the same answer rather than a second submission.
        setDown(true)
      } else if (isProblem(err)) {
        key.current = null
        const lines: SummaryError[] = (err.problem.errors ?? [])
          .filter((e) => e.message)
          // The location names what is missing (body.questions[i].text, body.lotIds): link to its page.
          .map((e) => ({ text: e.message ?? '', to: e.location ? missingPath(bid.id, form.questions, e.location) : undefined }))
        setErrors(lines.length ? lines : [{ text: err.problem.detail || 'Your bid could not be submitted.' }])
        setAttempt((a) => a + 1)
        await reload().catch(() => undefined)
      } else throw err
    } finally {
      setBusy(false)
    }
  }

  const rows = (q: BidFormQuestion): SummaryRow => ({
    key: `${q.number}. ${q.title}`,
    value: <span className="app-pre-line">{answerText(q, bid, lots)}</span>,
    changeTo: bid.status === 'draft' ? questionPath(bid.id, q.id) : undefined,
    changeLabel: `your answer to question ${q.number}`,
  })

  return (
    <Page title={title} error={errors.length > 0}>
      <BackLink to={bidPath(bid.id)}>Back to your bid</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} attempt={attempt} title={errors.length ? 'Your bid has not been submitted' : undefined} />
          <span className="govuk-caption-l">{bid.opportunityTitle}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          {missing.length > 0 && (
            <div className="govuk-inset-text" id="missing">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-2">You still need to answer</h2>
              <ul className="govuk-list govuk-list--bullet">
                {missing.map((m) => (
                  // The server's message names the question already ("Question 2: …").
                  <li key={`${m.questionId}:${m.field}:${m.message}`}>
                    <Link className="govuk-link" to={missingPath(bid.id, form.questions, m.field)}>
                      {m.message}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {lots.length > 0 && (
            <>
              <h2 className="govuk-heading-m">Lots</h2>
              <SummaryList
                rows={[
                  {
                    key: 'Lots you are bidding for',
                    value: (bid.lotIds ?? []).map((l) => lotName(lots, l)).join(', ') || 'None chosen',
                    changeTo: bid.status === 'draft' ? bidPath(bid.id, 'lots') : undefined,
                    changeLabel: 'the lots you are bidding for',
                  },
                ]}
              />
            </>
          )}
          <h2 className="govuk-heading-m">Your answers</h2>
          <SummaryList rows={form.questions.map(rows)} />
          {canSubmit && (
            <>
              <h2 className="govuk-heading-m">Now submit your bid</h2>
              <p className="govuk-body">
                By submitting you confirm that these answers and files are your organisation’s bid. You get a receipt with a fingerprint of each
                of them. You can withdraw and submit again until {bid.deadline?.text ?? 'the deadline'}.
              </p>
              {missing.length > 0 && <WarningText>You cannot submit until you have answered every required question.</WarningText>}
              <Button type="button" onClick={() => void submit()} busy={busy}>
                Submit your bid
              </Button>
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
