import { Link, useLocation } from 'react-router'
import { api, call } from '../../../api/client'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Table } from '../../../components/table/table'
import { Tag } from '../../../components/tag/tag'
import { formatDate } from '../../../format/dates'
import type { Notice } from '../../dps/dps-state'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { questionPath, statusColours } from '../labels'
import type { CouncilQuestion } from '../types'

const title = 'Questions to answer'

/**
 * Queue is the council's one list of suppliers' questions across its
 * opportunities: those waiting first, soonest "answer by" first, each with the
 * time left to answer and an overdue tag.
 */
export function Queue() {
  const { load } = useLoad(async () => (await call(api.GET('/api/v1/clarifications/queue'))).items, [])
  const notice = (useLocation().state as Notice | null)?.notice
  return <LoadGate load={load}>{(items) => <List items={items} notice={notice} />}</LoadGate>
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

function List({ items, notice }: { items: CouncilQuestion[]; notice?: string }) {
  const waiting = items.filter((q) => q.status === 'awaiting_answer')
  const overdue = waiting.filter((q) => q.overdue).length
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Suppliers’ questions on every opportunity, those waiting for an answer first. {waiting.length} waiting
            {overdue > 0 ? `, ${overdue} overdue` : ''}.
          </p>
          {items.length === 0 ? (
            <p className="govuk-body">No supplier has asked a question yet.</p>
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
                { header: 'Opportunity', cell: (q) => q.opportunityTitle },
                { header: 'Time to answer', cell: (q) => <TimeLeft q={q} /> },
              ]}
            />
          )}
        </div>
      </div>
    </Page>
  )
}
