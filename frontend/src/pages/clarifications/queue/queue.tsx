import { Link, useLocation, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Table } from '../../../components/table/table'
import { Tag } from '../../../components/tag/tag'
import { formatDate } from '../../../format/dates'
import type { Notice } from '../../dps/dps-state'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { aboutOf, clarifyPath, latePath, questionPath, queuePath, statusColours } from '../labels'
import type { CouncilQuestion } from '../types'

const title = 'Questions to answer'

/**
 * Queue is the council's one list of suppliers' questions across its
 * opportunities (or on one, with ?opportunityId=): those waiting first,
 * soonest "answer by" first, each with the time left to answer and an overdue
 * tag. Late-answer emails bring buyers here, so an opportunity with overdue
 * questions is flagged at the top with the way to decide on an extension.
 */
export function Queue() {
  const opportunityId = useSearchParams()[0].get('opportunityId') ?? ''
  const { load } = useLoad(
    async () => (await call(api.GET('/api/v1/clarifications/queue', { params: { query: opportunityId ? { opportunityId } : {} } }))).items,
    [opportunityId],
  )
  const notice = (useLocation().state as Notice | null)?.notice
  return <LoadGate load={load}>{(items) => <List items={items} notice={notice} opportunityId={opportunityId} />}</LoadGate>
}

// Overdue is the warning of questions still waiting after their "answer by"
// time, one line per opportunity, each linking to its late-answers page.
function Overdue({ items }: { items: CouncilQuestion[] }) {
  const byOpportunity = new Map<string, { title: string; count: number }>()
  for (const q of items) {
    if (q.status !== 'awaiting_answer' || !q.overdue) continue
    const o = byOpportunity.get(q.opportunityId) ?? { title: q.opportunityTitle, count: 0 }
    byOpportunity.set(q.opportunityId, { ...o, count: o.count + 1 })
  }
  if (byOpportunity.size === 0) return null
  return (
    <NotificationBanner heading="Some questions were not answered in time">
      <p className="govuk-body">You can extend the deadline for bids in one step, or record why not. Suppliers see either.</p>
      <ul className="govuk-list">
        {[...byOpportunity].map(([id, o]) => (
          <li key={id}>
            <Link className="govuk-notification-banner__link" to={latePath(id)}>
              Decide on the deadline for {o.title}
            </Link>{' '}
            ({o.count} overdue question{o.count === 1 ? '' : 's'})
          </li>
        ))}
      </ul>
    </NotificationBanner>
  )
}

function TimeLeft({ q }: { q: CouncilQuestion }) {
  if (q.status !== 'awaiting_answer') return <Tag colour={statusColours[q.status]}>{q.statusText}</Tag>
  return (
    <>
      {q.overdue ? <Tag colour="red">Overdue</Tag> : <strong>{q.timeLeftText || 'Waiting'}</strong>}
      {q.answerByText && <span className="govuk-body-s govuk-!-display-block app-secondary-text">Answer by {q.answerByText}</span>}
    </>
  )
}

function List({ items, notice, opportunityId }: { items: CouncilQuestion[]; notice?: string; opportunityId: string }) {
  const waiting = items.filter((q) => q.status === 'awaiting_answer')
  const overdue = waiting.filter((q) => q.overdue).length
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <Overdue items={items} />
          {opportunityId && items[0] && <span className="govuk-caption-l">{items[0].opportunityTitle}</span>}
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Suppliers’ questions on {opportunityId ? 'this opportunity' : 'every opportunity'}, those waiting for an answer first. {waiting.length} waiting
            {overdue > 0 ? `, ${overdue} overdue` : ''}.
          </p>
          {opportunityId ? (
            <>
              <p className="govuk-body">
                <Link className="govuk-link" to={queuePath()}>
                  Show questions on every opportunity
                </Link>
              </p>
              <p className="govuk-body">
                <Link to={clarifyPath(opportunityId)} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                  Publish a clarification
                </Link>
              </p>
            </>
          ) : (
            <p className="govuk-body">Choose an opportunity to see only its questions, or to publish a clarification nobody asked for.</p>
          )}
          {items.length === 0 ? (
            <p className="govuk-body">No supplier has asked a question{opportunityId ? ' on this opportunity' : ''} yet.</p>
          ) : (
            <Table
              caption={`${items.length} question${items.length === 1 ? '' : 's'}, waiting ones first`}
              captionSize="hidden"
              scrollLabel="Questions to answer"
              firstCellIsHeader
              rowKey={(q) => q.id}
              rows={items}
              columns={[
                {
                  header: 'Question',
                  cell: (q) => (
                    <>
                      <Link className="govuk-link" to={questionPath(q.id)}>
                        {q.subject}
                      </Link>
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 app-secondary-text">
                        {q.threadRef}, asked {formatDate(q.askedAt)}
                        {q.answerPrivately ? ', private answer asked for' : ''}
                      </span>
                    </>
                  ),
                },
                {
                  header: 'About',
                  cell: (q) =>
                    opportunityId ? (
                      q.opportunityTitle
                    ) : q.dpsId ? (
                      <>
                        DPS:{' '}
                        <Link className="govuk-link" to={aboutOf(q).page}>
                          {q.dpsTitle}
                        </Link>
                      </>
                    ) : (
                      <Link className="govuk-link" to={queuePath(q.opportunityId)}>
                        {q.opportunityTitle}
                      </Link>
                    ),
                },
                { header: 'Time to answer', cell: (q) => <TimeLeft q={q} /> },
              ]}
            />
          )}
        </div>
      </div>
    </Page>
  )
}
