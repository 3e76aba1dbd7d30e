import { Link } from 'react-router'
import { api, call } from '../../../api/client'
import { useOrganisationId } from '../../../app/require-role'
import { Page } from '../../../components/page/page'
import { Table } from '../../../components/table/table'
import { Tag } from '../../../components/tag/tag'
import { formatDate } from '../../../format/dates'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { aboutOf, statusColours } from '../labels'
import { answerAnchor } from '../published-answer'
import type { SupplierQuestion } from '../types'

const title = 'Your questions'

/**
 * YourQuestions lists the questions a supplier's organisation has asked, newest
 * first, with what became of each: the answer (a private one too), the reason
 * the council gave for not answering, or the question whose answer is theirs.
 */
export function YourQuestions() {
  const organisationId = useOrganisationId()
  const { load } = useLoad(async () => (await call(api.GET('/api/v1/supplier/questions', { params: { query: { organisationId } } }))).items, [organisationId])
  return <LoadGate load={load}>{(items) => <List items={items} />}</LoadGate>
}

function Outcome({ q }: { q: SupplierQuestion }) {
  const opp = aboutOf(q).page
  switch (q.status) {
    case 'awaiting_answer':
      return <>{q.answerByText ? `The council aims to answer by ${q.answerByText}.` : 'The council will answer as soon as it can.'}</>
    case 'declined':
      return (
        <>
          <span className="govuk-!-font-weight-bold">The council’s reason: </span>
          <span className="app-pre-line">{q.declineReason}</span>
        </>
      )
    case 'merged':
      return (
        <>
          The council answered an earlier question ({q.mergedIntoThreadRef}) that asked the same.{' '}
          {q.answer?.number ? (
            <Link className="govuk-link" to={`${opp}#${answerAnchor(q.answer.number)}`}>
              Read answer {q.answer.number}
            </Link>
          ) : (
            <Link className="govuk-link" to={`${opp}#questions`}>
              Read the answers
            </Link>
          )}
        </>
      )
    default:
      if (!q.answer) return null
      return (
        <>
          {q.answer.visibility === 'private' ? (
            <span className="govuk-!-display-block govuk-!-margin-bottom-1">Only your organisation sees this answer.</span>
          ) : (
            <span className="govuk-!-display-block govuk-!-margin-bottom-1">
              Published to everyone as{' '}
              <Link className="govuk-link" to={`${opp}#${answerAnchor(q.answer.number ?? 0)}`}>
                answer {q.answer.number}
              </Link>{' '}
              on {q.answer.publishedOnText}.
            </span>
          )}
          <span className="app-pre-line">{q.answer.answer}</span>
        </>
      )
  }
}

function List({ items }: { items: SupplierQuestion[] }) {
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            The questions your organisation has asked the council, newest first. Only your organisation and the council see this page.
          </p>
          {items.length === 0 ? (
            <p className="govuk-body">
              You have not asked any questions. You can ask one from an{' '}
              <Link className="govuk-link" to="/opportunities">
                opportunity’s page
              </Link>
              .
            </p>
          ) : (
            <Table
              caption={`${items.length} question${items.length === 1 ? '' : 's'}, newest first`}
              captionSize="hidden"
              scrollLabel="Your questions"
              firstCellIsHeader
              rowKey={(q) => q.id}
              rows={items}
              columns={[
                {
                  header: 'Question',
                  cell: (q) => (
                    <>
                      {q.subject}
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 app-secondary-text">
                        {q.threadRef}, asked {formatDate(q.askedAt)} about{' '}
                        <Link className="govuk-link" to={`${aboutOf(q).page}#questions`}>
                          {aboutOf(q).title}
                        </Link>
                      </span>
                    </>
                  ),
                },
                { header: 'Status', cell: (q) => <Tag colour={statusColours[q.status]}>{q.statusText}</Tag> },
                { header: 'Answer', cell: (q) => <Outcome q={q} /> },
              ]}
            />
          )}
        </div>
      </div>
    </Page>
  )
}
