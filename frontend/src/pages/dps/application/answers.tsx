// The answers of an application as a summary list, for the supplier's check
// page and status page and for the buyer's assessment.
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { formatSize } from '../answer-file'
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

/** AnswerFile is the file that answers a document question: its name, to download it, and its size. */
export function AnswerFile({ file }: { file: NonNullable<Answer['document']> }) {
  return (
    <>
      <a className="govuk-link app-break-words" href={file.url} download={file.filename}>
        {file.filename}
      </a>{' '}
      ({formatSize(file.size)})
    </>
  )
}

/** AnswerList shows each question with its answer, and says which answers came from the profile. */
export function AnswerList({ answers, changeTo, fromProfile = 'From your profile' }: AnswerListProps) {
  const rows: SummaryRow[] = answers.map((a, i) => ({
    key: a.text,
    value: a.document || a.value ? (
      <>
        {a.document ? (
          <>
            <AnswerFile file={a.document} />
            {a.value !== a.document.filename && (
              <>
                <br />
                <span className="app-pre-line">{a.value}</span>
              </>
            )}
          </>
        ) : (
          <span className="app-pre-line">{answerText(a.kind, a.value)}</span>
        )}
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

/** answered reports whether a question has an answer that lets the application be sent: a file, for a document question. */
export function answered(a: Answer): boolean {
  if (a.kind === 'document') return a.document !== undefined
  return a.value.trim() !== ''
}
