// One answer as everyone reads it on the opportunity's page. The council's
// preview uses the same component, so what it checks is what everyone sees.
import { Button, ButtonGroup } from '../../components/button/button'
import { Page } from '../../components/page/page'
import { Select } from '../../components/select/select'
import { Tag } from '../../components/tag/tag'
import { formatSize } from '../../forms/files'
import { WarningText } from '../../components/warning-text/warning-text'
import type { PublishedAnswer } from './types'

/** answerAnchor is the id of an answer on the opportunity's page, for links between corrections. */
export const answerAnchor = (n: number) => `answer-${n}`

/**
 * AnswerView shows an answer: its number, subject, the question as published,
 * the answer, the day, and the corrections linking it to others. It names no
 * asker: only the question's reference.
 */
export function AnswerView({ a, headingLevel = 3 }: { a: PublishedAnswer; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <article className="app-answer govuk-!-margin-bottom-6" id={a.number ? answerAnchor(a.number) : undefined}>
      <Heading className="govuk-heading-s govuk-!-margin-bottom-1">
        {a.number ? `Answer ${a.number}: ` : ''}
        {a.subject}
      </Heading>
      <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-2">
        Published {a.publishedOnText}
        {a.threadRef ? ` · reference ${a.threadRef}` : ''}
      </p>
      {a.correctedByNumber ? (
        <p className="govuk-body">
          <Tag colour="orange">Corrected</Tag> This answer is corrected by{' '}
          <a className="govuk-link" href={`#${answerAnchor(a.correctedByNumber)}`}>
            answer {a.correctedByNumber}
          </a>
          .
        </p>
      ) : null}
      {a.correctsNumber ? (
        <p className="govuk-body">
          This corrects{' '}
          <a className="govuk-link" href={`#${answerAnchor(a.correctsNumber)}`}>
            answer {a.correctsNumber}
          </a>
          .
        </p>
      ) : null}
      {a.question && (
        <>
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Question</p>
          <p className="govuk-body app-pre-line">{a.question}</p>
        </>
      )}
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Answer</p>
      <p className="govuk-body app-pre-line">{a.answer}</p>
      {a.documents.length > 0 && (
        <ul className="govuk-list">
          {a.documents.map((d) => (
            <li key={d.id}>
              <a className="govuk-link" href={d.url} download>
                {d.filename}
              </a>{' '}
              <span className="govuk-body-s app-secondary-text">({formatSize(d.size)})</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  )
}

/** londonDay is how a day reads on a published answer, e.g. 2 December 2026. */
export function londonDay(d: Date): string {
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' })
}

/** What the council typed for an answer to everyone. */
export interface AnswerDraft {
  /** Empty for a clarification nobody asked for: the server gives it a reference when it is published. */
  threadRef: string
  subject: string
  question: string
  answer: string
  correctsNumber: number
  /** Documents uploaded to go with it. */
  documents?: PublishedAnswer['documents']
}

/**
 * preview is the answer as everyone will see it once published: the number
 * after the opportunity's last published answer, today's date, and the text
 * as typed.
 */
export function preview(published: PublishedAnswer[], d: AnswerDraft, now: Date): PublishedAnswer {
  const next = Math.max(0, ...published.map((a) => a.number ?? 0)) + 1
  return {
    number: next,
    threadRef: d.threadRef,
    visibility: 'everyone',
    subject: d.subject.trim(),
    question: d.question.trim(),
    answer: d.answer.trim(),
    publishedOn: '',
    publishedOnText: londonDay(now),
    documents: d.documents ?? [],
    ...(d.correctsNumber ? { correctsNumber: d.correctsNumber } : {}),
  }
}

/**
 * CheckBeforePublishing is the step before an answer goes to everyone: the
 * answer exactly as the opportunity's page will show it, the warning that it
 * cannot be deleted, and the choice of publishing it or changing it.
 */
export function CheckBeforePublishing({
  caption,
  answer,
  busy,
  onPublish,
  onChange,
}: {
  caption: string
  answer: PublishedAnswer
  busy: boolean
  onPublish: () => void
  onChange: () => void
}) {
  const title = 'Check your answer before publishing it'
  return (
    <Page title={title} focusHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{caption}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">Everyone will see exactly this on the opportunity’s page, and everyone working towards a bid will be told:</p>
          <div className="app-preview govuk-!-padding-4 govuk-!-margin-bottom-6" aria-label="What everyone will see" role="region">
            <AnswerView a={answer} />
          </div>
          <WarningText>Once published, an answer cannot be deleted. You can only correct it with a later answer.</WarningText>
          <ButtonGroup>
            <Button type="button" busy={busy} onClick={onPublish}>
              Publish answer
            </Button>
            <Button type="button" variant="secondary" onClick={onChange}>
              Change answer
            </Button>
          </ButtonGroup>
        </div>
      </div>
    </Page>
  )
}

/**
 * CorrectsSelect asks whether an answer corrects an earlier published one
 * (published answers are never deleted, only corrected). It is not shown
 * while there is nothing to correct.
 */
export function CorrectsSelect({ published, error, value, onChange }: { published: PublishedAnswer[]; error?: string; value: string; onChange: (n: string) => void }) {
  if (published.length === 0) return null
  return (
    <Select
      id="correctsNumber"
      label="Does it correct an earlier answer? (optional)"
      error={error}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={[{ value: '', text: 'No' }, ...published.map((a) => ({ value: String(a.number), text: `Answer ${a.number}: ${a.subject}` }))]}
    />
  )
}
