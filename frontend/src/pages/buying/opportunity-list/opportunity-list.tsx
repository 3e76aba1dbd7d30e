import { Link, useLocation, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Table, type Column } from '../../../components/table/table'
import { LoadGate } from '../../../lib/load-gate'
import { NOTHING_MISSING, useLoad } from '../../../lib/use-load'
import { draftPath, type OpportunitySummary } from '../draft'

const title = 'Your opportunities'

/** The most the list shows at once; a council rarely has more on the go. */
export const LIST_SIZE = 100

/** What other pages may say to the list through navigation state. */
export interface ListNotice {
  notice?: string
}

function titleCell(o: OpportunitySummary, to: string) {
  return (
    <>
      <Link className="govuk-link" to={to}>
        {o.title}
      </Link>
      <br />
      <span className="govuk-body-s app-secondary-text">{o.reference}</span>
    </>
  )
}

const opportunityColumn: Column<OpportunitySummary> = { header: 'Opportunity', cell: (o) => titleCell(o, draftPath(o.id)) }

// The groups the list shows, in order, each with the columns that matter for it.
const groups: { status: string; heading: string; none: string; columns: Column<OpportunitySummary>[] }[] = [
  {
    status: 'draft',
    heading: 'Drafts',
    none: 'There are no drafts.',
    columns: [opportunityColumn, { header: 'How suppliers will bid', cell: (o) => o.procedureLabel || 'Not chosen yet' }],
  },
  {
    status: 'open',
    heading: 'Published and open for bids',
    none: 'There are no opportunities open for bids.',
    columns: [
      opportunityColumn,
      { header: 'Deadline for bids', cell: (o) => o.submissionDeadline?.text ?? '' },
      { header: 'Time left', cell: (o) => o.timeLeftText },
    ],
  },
  {
    status: 'closed',
    heading: 'Closed',
    none: 'There are no closed opportunities.',
    columns: [opportunityColumn, { header: 'Closed to bids', cell: (o) => o.submissionDeadline?.text ?? '' }],
  },
  {
    status: 'cancelled',
    heading: 'Cancelled',
    none: 'There are no cancelled opportunities.',
    columns: [opportunityColumn, { header: 'Value', cell: (o) => o.valueText }],
  },
  {
    status: 'planned',
    heading: 'Planned procurements',
    none: 'There are no planned procurements in the pipeline.',
    columns: [
      { header: 'Planned procurement', cell: (o) => titleCell(o, `/buying/pipeline/${encodeURIComponent(o.id)}`) },
      { header: 'Expected', cell: (o) => o.expectedQuarterText ?? '' },
      { header: 'Estimated value', cell: (o) => o.valueText },
    ],
  },
]

/**
 * OpportunityList lists the council's opportunities by status (drafts,
 * published, closed, cancelled, and the planned procurements of the pipeline),
 * with a way to start a new one. It can show only the ones the buyer created.
 */
export function OpportunityList() {
  const [params] = useSearchParams()
  const mine = params.get('mine') === 'true'
  const { state } = useLocation()
  const notice = (state as ListNotice | null)?.notice
  const { load } = useLoad(
    () => call(api.GET('/api/v1/buyer/opportunities', { params: { query: { status: 'all', pageSize: LIST_SIZE, ...(mine ? { mine: true } : {}) } } })),
    [mine],
    NOTHING_MISSING,
  )
  return (
    <LoadGate load={load} refusedTitle="You cannot see these opportunities" refusedDetail="Only council buyers can see draft opportunities.">
      {({ items, total }) => <List items={items} total={total} mine={mine} notice={notice} />}
    </LoadGate>
  )
}

function List({ items, total, mine, notice }: { items: OpportunitySummary[]; total: number; mine: boolean; notice?: string }) {
  return (
    <Page title={title}>
      {notice && <NotificationBanner type="success" heading={notice} />}
      <h1 className="govuk-heading-l">{title}</h1>
      <div className="govuk-button-group">
        <Link to="/buying/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Create an opportunity
        </Link>
        <Link to="/buying/pipeline" role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Add a planned procurement
        </Link>
      </div>
      <p className="govuk-body">
        {mine ? (
          <>
            Showing the opportunities you created.{' '}
            <Link className="govuk-link" to="/buying">
              Show everyone’s
            </Link>
          </>
        ) : (
          <>
            Showing every opportunity at the council.{' '}
            <Link className="govuk-link" to="/buying?mine=true">
              Show only the ones you created
            </Link>
          </>
        )}
      </p>
      {total > items.length && (
        <p className="govuk-body">
          Showing the newest {items.length} of {total}. Use search on the public list of opportunities to find older ones.
        </p>
      )}
      {groups.map((g) => {
        const rows = items.filter((o) => o.status === g.status)
        return rows.length ? (
          <Table
            key={g.status}
            caption={`${g.heading} (${rows.length})`}
            columns={g.columns}
            rows={rows}
            rowKey={(o) => o.id}
            scrollLabel={g.heading}
          />
        ) : (
          <div key={g.status}>
            <h2 className="govuk-heading-m">{g.heading}</h2>
            <p className="govuk-body">{g.none}</p>
          </div>
        )
      })}
    </Page>
  )
}
