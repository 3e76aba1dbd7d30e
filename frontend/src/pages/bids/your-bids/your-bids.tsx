import { Link } from 'react-router'
import { useOrganisationId } from '../../../app/require-role'
import { Page } from '../../../components/page/page'
import { Table } from '../../../components/table/table'
import { Tag } from '../../../components/tag/tag'
import { bidStatusTags, tagOf } from '../../../lib/labels'
import { LoadGate } from '../../../lib/load-gate'
import { NOTHING_MISSING, useLoad } from '../../../lib/use-load'
import { formatDateTime } from '../../opportunities/format'
import { fetchSupplierBids } from '../api'
import type { BidSummary } from '../api-types'
import { bidPath } from '../progress'

/** YourBids lists the bids of the organisation the supplier acts for, with their status. */
export function YourBids() {
  const organisationId = useOrganisationId()
  const { load, reload } = useLoad((signal) => fetchSupplierBids(organisationId, signal), [organisationId], NOTHING_MISSING)
  const title = 'Your bids'
  return (
    <LoadGate load={load} loadingTitle={title} refusedTitle="You cannot see these bids" onRetry={() => void reload()}>
      {(list) => {
        const items = list.items ?? []
        return (
          <Page title={title}>
            <h1 className="govuk-heading-l">{title}</h1>
            {items.length === 0 ? (
              <p className="govuk-body">
                You have not started any bids. <Link className="govuk-link" to="/opportunities">Find an opportunity</Link> and select ‘Start a bid’
                on its page.
              </p>
            ) : (
              <Table<BidSummary>
                caption="Bids your organisation has started"
                captionSize="hidden"
                scrollLabel="Your bids"
                rows={items}
                rowKey={(b) => b.id}
                firstCellIsHeader
                columns={[
                  {
                    header: 'Opportunity',
                    cell: (b) => (
                      <Link className="govuk-link" to={bidPath(b.id)}>
                        {b.opportunityTitle}
                        <span className="govuk-visually-hidden"> (bid {b.reference})</span>
                      </Link>
                    ),
                  },
                  { header: 'Reference', cell: (b) => b.reference },
                  { header: 'Deadline', cell: (b) => (b.deadline ? b.deadline.text || formatDateTime(b.deadline.at) : 'None set') },
                  {
                    header: 'Status',
                    cell: (b) => {
                      const t = tagOf(bidStatusTags, b.status)
                      return <Tag colour={t.colour}>{t.text}</Tag>
                    },
                  },
                ]}
              />
            )}
          </Page>
        )
      }}
    </LoadGate>
  )
}
