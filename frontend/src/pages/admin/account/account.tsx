import { Link, useLocation } from 'react-router'
import type { Account as AccountView } from '../../../api/client'
import { useSession } from '../../../app/session'
import { BackLink } from '../../../components/back-link/back-link'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { formatDate, formatDateTime } from '../../../format/dates'
import { AccountGate } from '../account-state'
import { statusLabel, type AccountNotice } from '../labels'
import { accountRoleLabels } from '../../../lib/labels'

/** Account is one person's account as an admin sees it, with what the admin can do to it. */
export function Account() {
  return <AccountGate>{(a) => <AccountPage account={a} />}</AccountGate>
}

function AccountPage({ account: a }: { account: AccountView }) {
  const notice = (useLocation().state as AccountNotice | null)?.notice
  const you = useSession().me?.id === a.id
  const staff = a.role !== 'supplier'
  const base = `/admin/accounts/${a.id}`
  const organisations = a.organisations.length ? (
    <ul className="govuk-list">
      {a.organisations.map((o) => (
        <li key={o.id}>
          <Link className="govuk-link" to={`/suppliers/${o.id}`}>
            {o.name}
          </Link>{' '}
          ({o.role === 'owner' ? 'owner' : 'member'})
        </li>
      ))}
    </ul>
  ) : (
    'None'
  )

  return (
    <Page title={a.name}>
      <BackLink to="/admin/accounts">Back to accounts</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <span className="govuk-caption-l">Account{you ? ' (yours)' : ''}</span>
          <h1 className="govuk-heading-l">{a.name}</h1>
          <SummaryList
            rows={[
              { key: 'Email address', value: <span className="app-break-words">{a.email}</span> },
              { key: 'Role', value: accountRoleLabels[a.role], changeTo: staff ? `${base}/role` : undefined },
              {
                key: 'Status',
                value: (
                  <>
                    <Tag colour={a.status === 'active' ? 'green' : 'grey'}>{statusLabel(a.status)}</Tag>
                    {a.deactivatedAt && <span className="govuk-!-display-block">Since {formatDateTime(a.deactivatedAt)}</span>}
                  </>
                ),
              },
              { key: 'Email address confirmed', value: a.emailVerified ? 'Yes' : 'No' },
              ...(a.role === 'supplier' ? [{ key: 'Organisations', value: organisations }] : []),
              { key: 'Last signed in', value: a.lastSignedInAt ? formatDateTime(a.lastSignedInAt) : 'Not known' },
              { key: 'Signed in now', value: a.activeSessions === 0 ? 'No' : a.activeSessions === 1 ? 'On 1 device' : `On ${a.activeSessions} devices` },
              { key: 'Account created', value: formatDate(a.createdAt) },
            ]}
          />
          <h2 className="govuk-heading-m">What you can do</h2>
          <ul className="govuk-list">
            {a.activeSessions > 0 && (
              <li>
                <Link className="govuk-link" to={`${base}/end-sessions`}>
                  Sign {a.name} out everywhere
                </Link>
              </li>
            )}
            <li>
              {a.status === 'active' ? (
                <Link className="govuk-link" to={`${base}/deactivate`}>
                  Deactivate this account
                </Link>
              ) : (
                <Link className="govuk-link" to={`${base}/reactivate`}>
                  Reactivate this account
                </Link>
              )}
            </li>
          </ul>
          {!staff && (
            <p className="govuk-body">A supplier’s account cannot be given a council role. Council staff are invited separately.</p>
          )}
        </div>
      </div>
    </Page>
  )
}
