import { Link, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { Page } from '../../../components/page/page'
import { Table } from '../../../components/table/table'
import { Tag } from '../../../components/tag/tag'
import '../dps.css'
import { appPath } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { dueTag, formatDue } from '../labels'
import type { QueueItem } from '../types'

const title = 'Applications waiting for a decision'

/** byUrgency puts overdue applications first, then those due soon, then the rest, each soonest due first. */
export function byUrgency(items: QueueItem[]): QueueItem[] {
  const rank = (i: QueueItem) => (i.overdue ? 0 : i.dueSoon ? 1 : 2)
  const due = (i: QueueItem) => (i.dueAt ? Date.parse(i.dueAt) : Number.MAX_SAFE_INTEGER)
  return [...items].sort((a, b) => rank(a) - rank(b) || due(a) - due(b))
}

/**
 * Queue is the council officers' list of applications to decide, the most
 * urgent first, with "Overdue" and "Due in 1 working day" tags and counts at
 * the top, so that forty of them can be taken in at a glance.
 */
export function Queue() {
  const [params] = useSearchParams()
  const dpsId = params.get('dpsId') ?? ''
  const { load } = useLoad(
    async () => (await call(api.GET('/api/v1/dps-queue', { params: { query: dpsId ? { dpsId } : {} } }))).items,
    [dpsId],
  )
  return <LoadGate load={load}>{(items) => <List items={byUrgency(items)} filtered={dpsId !== ''} />}</LoadGate>
}

function List({ items, filtered }: { items: QueueItem[]; filtered: boolean }) {
  const overdue = items.filter((i) => i.overdue).length
  const soon = items.filter((i) => i.dueSoon).length
  const only = filtered && items[0] ? items[0].dpsTitle : ''
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-full">
          {only && <span className="govuk-caption-l">{only}</span>}
          <h1 className="govuk-heading-l">{title}</h1>
          {items.length === 0 ? (
            <p className="govuk-body">There are no applications waiting for a decision.</p>
          ) : (
            <>
              <ul className="app-queue-counts">
                <li>
                  <span className="app-queue-counts__number">{overdue}</span> overdue
                </li>
                <li>
                  <span className="app-queue-counts__number">{soon}</span> due within 2 working days
                </li>
                <li>
                  <span className="app-queue-counts__number">{items.length}</span> waiting in all
                </li>
              </ul>
              <Table
                caption={`${items.length} application${items.length === 1 ? '' : 's'}, most urgent first`}
                captionSize="hidden"
                scrollLabel="Applications waiting for a decision"
                firstCellIsHeader
                rowKey={(i) => i.id}
                rows={items}
                columns={[
                  {
                    header: 'Supplier',
                    cell: (i) => (
                      <Link className="govuk-link" to={appPath(i.id)}>
                        {i.organisationName}
                      </Link>
                    ),
                  },
                  {
                    header: 'Decision due',
                    cell: (i) => {
                      const tag = dueTag(i)
                      return (
                        <>
                          {tag.colour ? <Tag colour={tag.colour}>{tag.text}</Tag> : tag.text}
                          <br />
                          <span className="govuk-body-s app-secondary-text">{formatDue(i.dueAt)}</span>
                        </>
                      )
                    },
                  },
                  { header: 'Supplier list', cell: (i) => i.dpsTitle },
                  { header: 'Categories', cell: (i) => i.categories.map((c) => c.name).join(', ') },
                ]}
              />
            </>
          )}
          {filtered && (
            <p className="govuk-body">
              <Link className="govuk-link" to="/dps/queue">
                See applications to every list
              </Link>
            </p>
          )}
          <p className="govuk-body">
            <Link className="govuk-link" to="/dps">
              All supplier lists
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
