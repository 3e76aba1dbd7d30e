// The response form read out plainly: what each question asks for, its limits
// and what is scored, so a supplier can judge the work before starting a bid.
import { bidDocumentTypeLabels, bidQuestionKindLabels, priceModeLabels } from '../../lib/labels'
import { SummaryList, type SummaryRow } from '../../components/summary-list/summary-list'
import { percent } from '../opportunities/format'
import type { BidFormQuestion } from './api-types'

/** YES_NO are the choices of a yes or no question, in that order. */
export const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
]

/** scoringText says how a question is judged: scored under a criterion, or not scored. */
export function scoringText(q: BidFormQuestion): string {
  if (q.kind === 'pass_fail') return q.requiredAnswer ? `Pass or fail: you must answer ‘${q.requiredAnswer === 'yes' ? 'Yes' : 'No'}’` : 'Pass or fail'
  if (!q.criterion) return 'Not scored'
  return q.weightShareBp ? `Scored under ‘${q.criterion}’: ${percent(q.weightShareBp)} of its weight` : `Scored under ‘${q.criterion}’`
}

/** limitsText says what limits an answer has: a word limit, file types and how many files. */
export function limitsText(q: BidFormQuestion): string {
  switch (q.kind) {
    case 'text':
    case 'social_value':
      return q.wordLimit ? `Up to ${q.wordLimit.toLocaleString('en-GB')} words` : 'No word limit'
    case 'document': {
      const types = (q.documentTypes ?? []).map((t) => bidDocumentTypeLabels[t] ?? t).join(', ')
      const files = q.maxFiles && q.maxFiles > 1 ? `up to ${q.maxFiles} files` : 'one file'
      return types ? `${files[0].toUpperCase()}${files.slice(1)}: ${types}` : `${files[0].toUpperCase()}${files.slice(1)}`
    }
    case 'price':
      return priceModeLabels[q.priceMode ?? 'per_lot'] ?? ''
    default:
      return ''
  }
}

/** FormQuestions lists a response form's questions, each as a short summary. */
export function FormQuestions({ questions, headingLevel = 3 }: { questions: BidFormQuestion[]; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <>
      {questions.map((q) => {
        const rows: SummaryRow[] = [
          { key: 'What you give', value: bidQuestionKindLabels[q.kind] ?? q.kind },
          { key: 'Required', value: q.required ? 'Yes' : 'No, optional' },
          { key: 'How it is judged', value: scoringText(q) },
        ]
        const limits = limitsText(q)
        if (limits) rows.push({ key: q.kind === 'price' ? 'How you price it' : 'Limits', value: limits })
        if (q.kind === 'price' && q.priceMode === 'schedule' && q.scheduleLines?.length)
          rows.push({
            key: 'Lines to price',
            value: (
              <ul className="govuk-list">
                {q.scheduleLines.map((l) => (
                  <li key={l.id}>
                    {l.description}: {l.quantity.toLocaleString('en-GB')} {l.unit}
                  </li>
                ))}
              </ul>
            ),
          })
        return (
          <div key={q.id}>
            <H className="govuk-heading-s govuk-!-margin-bottom-1">
              {q.number}. {q.title}
            </H>
            {q.guidance && <p className="govuk-body app-pre-line">{q.guidance}</p>}
            <SummaryList rows={rows} />
          </div>
        )
      })}
    </>
  )
}
