import type { BankQueueItem } from '../../api/client'
import { SummaryList, type SummaryRow } from '../../components/summary-list/summary-list'
import { formatDate, formatDateTime } from '../../format/dates'

/** ChangeSummary lists what officers need to know about a bank details change. */
export function ChangeSummary({ item }: { item: BankQueueItem }) {
  const rows: SummaryRow[] = [
    { key: 'Supplier', value: item.organisationName },
    { key: 'New name on the account', value: item.accountName },
    { key: 'New sort code', value: item.sortCode },
    { key: 'New account number', value: `ending ${item.accountLast4}` },
    {
      key: 'Asked for by',
      value: (
        <>
          {item.requestedBy.name}
          <br />
          <span className="app-break-words">{item.requestedBy.email}</span>
        </>
      ),
    },
    { key: 'Asked for on', value: formatDateTime(item.requestedAt) },
  ]
  if (item.frozenAt) rows.push({ key: 'Frozen on', value: formatDateTime(item.frozenAt) })
  if (item.callback)
    rows.push({
      key: 'Call-back',
      value: (
        <>
          {item.callback.by.name} called {item.callback.phone} on {formatDateTime(item.callback.at)}
          {item.callback.note && (
            <>
              <br />
              <span className="app-pre-line">{item.callback.note}</span>
            </>
          )}
        </>
      ),
    })
  if (item.approvedBy) rows.push({ key: 'Approved by', value: `${item.approvedBy.name} on ${formatDate(item.approvedAt)}` })
  if (item.coolingOffUntil) rows.push({ key: 'Takes effect on', value: formatDate(item.coolingOffUntil) })
  return <SummaryList rows={rows} />
}
