import { Link, useLocation } from 'react-router'
import { api, call } from '../../../api/client'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { formatDate } from '../../../format/dates'
import { appPath, type Notice } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { appStatus, categoryStatus, formatDue } from '../labels'
import type { Application } from '../types'

const title = 'Your applications to supplier lists'

/** MyApplications lists the applications of the supplier's organisations, newest first. */
export function MyApplications() {
  const { load } = useLoad(async () => (await call(api.GET('/api/v1/supplier/dps-applications'))).items, [])
  return (
    <LoadGate load={load} refusedTitle="You cannot see applications">
      {(items) => <List items={items} />}
    </LoadGate>
  )
}

function rows(a: Application): SummaryRow[] {
  const s = appStatus(a.status)
  const out: SummaryRow[] = [
    { key: 'Status', value: <Tag colour={s.colour}>{s.text}</Tag> },
    {
      key: 'Categories',
      value: (
        <ul className="govuk-list">
          {a.categories.map((c) => (
            <li key={c.categoryId}>
              {c.name}
              {a.status !== 'draft' && a.status !== 'withdrawn' && `: ${categoryStatus(c.status).text.toLowerCase()}`}
            </li>
          ))}
        </ul>
      ),
    },
  ]
  if (a.submittedAt) out.push({ key: 'Sent', value: formatDate(a.submittedAt) })
  if (a.status === 'submitted' && a.dueAt) out.push({ key: 'Decision by', value: formatDue(a.dueAt) })
  return out
}

function List({ items }: { items: Application[] }) {
  const { state } = useLocation()
  const notice = (state as Notice | null)?.notice
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <h1 className="govuk-heading-l">{title}</h1>
          {items.length === 0 ? (
            <p className="govuk-body">You have not applied to join any supplier lists yet.</p>
          ) : (
            items.map((a) => (
              <div className="govuk-summary-card" key={a.id}>
                <div className="govuk-summary-card__title-wrapper">
                  <h2 className="govuk-summary-card__title">{a.dpsTitle}</h2>
                  <ul className="govuk-summary-card__actions">
                    <li className="govuk-summary-card__action">
                      <Link className="govuk-link" to={appPath(a.id)}>
                        {a.status === 'draft' ? 'Carry on' : 'View'}
                        <span className="govuk-visually-hidden"> your application to {a.dpsTitle}</span>
                      </Link>
                    </li>
                  </ul>
                </div>
                <div className="govuk-summary-card__content">
                  <SummaryList rows={rows(a)} />
                </div>
              </div>
            ))
          )}
          <p className="govuk-body">
            <Link className="govuk-link" to="/dps">
              Find a supplier list to join
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
