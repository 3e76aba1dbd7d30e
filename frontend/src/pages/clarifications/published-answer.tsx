// One answer as everyone reads it on the opportunity's page. The council's
// preview uses the same component, so what it checks is what everyone sees.
import { Tag } from '../../components/tag/tag'
import { formatSize } from '../../forms/files'
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
        Published {a.publishedOnText} · reference {a.threadRef}
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
