// The answers of an application as a summary list, for the supplier's check
// page and status page and for the buyer's assessment.
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { answerText } from '../labels'
import type { Answer } from '../types'

/** Props for AnswerList. */
export interface AnswerListProps {
  answers: Answer[]
  /** Where each answer's Change link goes (by its position from 0); none for no links. */
  changeTo?: (index: number) => string
  /** Words for an answer that came from the profile. */
  fromProfile?: string
}

/** AnswerList shows each question with its answer, and says which answers came from the profile. */
export function AnswerList({ answers, changeTo, fromProfile = 'From your profile' }: AnswerListProps) {
  const rows: SummaryRow[] = answers.map((a, i) => ({
    key: a.text,
    value: a.value ? (
      <>
        <span className="app-pre-line">{answerText(a.kind, a.value)}</span>
        {a.fromProfile && (
          <>
            {' '}
            <Tag colour="turquoise">{fromProfile}</Tag>
          </>
        )}
      </>
    ) : (
      <span className="app-secondary-text">Not answered</span>
    ),
    changeTo: changeTo?.(i),
    changeLabel: `your answer to ‘${a.text}’`,
  }))
  return <SummaryList rows={rows} />
}

/** answered reports whether a question has an answer that lets the application be sent. */
export function answered(a: Answer): boolean {
  return a.value.trim() !== ''
}
