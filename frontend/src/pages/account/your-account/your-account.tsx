import { useState } from 'react'
import { Link, Navigate } from 'react-router'
import { api, call, type Me } from '../../../api/client'
import { useOrganisationId } from '../../../app/require-role'
import { useSession } from '../../../app/session'
import { Button } from '../../../components/button/button'
import { ComingSoon } from '../../../components/coming-soon/coming-soon'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { LoadingPage } from '../../../lib/load-gate'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { legalFormLabel } from '../../../lib/labels'
import { SupplierDashboard } from './supplier-dashboard'

const roleNames: Record<Me['role'], string> = {
  supplier: 'Supplier',
  buyer: 'Buyer (council officer)',
  evaluator: 'Evaluator (council officer)',
  case_officer: 'Case officer (council officer)',
  admin: 'Administrator',
}

type Resend = 'idle' | 'sending' | 'sent' | 'failed'

/**
 * YourAccount shows who is signed in, for which organisation, and what to do
 * next; for a verified supplier it opens with their dashboard.
 */
export function YourAccount() {
  const session = useSession()
  const organisationId = useOrganisationId()
  const [resend, setResend] = useState<Resend>('idle')
  const title = 'Your account'

  if (session.status === 'loading') return <LoadingPage title={title} message="Loading your account." />
  if (session.status === 'unknown') return <ServiceProblem />
  if (session.status === 'signed-out' || !session.me) return <Navigate to="/sign-in" state={{ next: '/account' }} replace />

  const me = session.me
  const orgs = me.organisations ?? []
  const dashboard = me.emailVerified && me.role === 'supplier' && orgs.length > 0
  const actingFor = orgs.find((o) => o.id === organisationId)

  const sendAgain = async () => {
    if (resend === 'sending') return
    setResend('sending')
    try {
      await call(api.POST('/api/v1/auth/resend-verification'))
      setResend('sent')
    } catch {
      // Down, or asked too often (429): either way, try again later.
      setResend('failed')
    }
  }

  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {resend === 'sent' && (
            <NotificationBanner type="success" heading={`We have sent a new link to ${me.email}`}>
              <p className="govuk-body">The link works for 24 hours.</p>
            </NotificationBanner>
          )}
          {!me.emailVerified && resend !== 'sent' && (
            <NotificationBanner heading="Confirm your email address">
              <p className="govuk-body">
                We sent a link to <strong className="app-break-words">{me.email}</strong>. Open it to confirm your
                email address. Until you do, you can only see this page.
              </p>
              {resend === 'failed' && (
                <p className="govuk-body">
                  <strong>We could not send a new link just now. Try again in a few minutes.</strong>
                </p>
              )}
              <Button type="button" variant="secondary" onClick={sendAgain} busy={resend === 'sending'}>
                Send the link again
              </Button>
              <p className="govuk-body">
                Is this address wrong?{' '}
                <Link className="govuk-link" to="/account/settings/email">
                  Change your email address
                </Link>
              </p>
            </NotificationBanner>
          )}
          {dashboard && actingFor && <span className="govuk-caption-l app-break-words">{actingFor.name}</span>}
          <h1 className="govuk-heading-l">{title}</h1>
          {dashboard && (
            <>
              <SupplierDashboard organisationId={organisationId} />
              <h2 className="govuk-heading-m">Your details</h2>
            </>
          )}
          <SummaryList
            rows={[
              { key: 'Name', value: me.name },
              { key: 'Email address', value: <span className="app-break-words">{me.email}</span> },
              ...(me.role !== 'supplier' ? [{ key: 'Role', value: roleNames[me.role] }] : []),
            ]}
          />
          <p className="govuk-body">
            <Link className="govuk-link" to="/account/settings">
              Account settings: change your name, email address or password
            </Link>
          </p>
          {orgs.map((o) => (
            <div key={o.id}>
              <h2 className="govuk-heading-m">{o.name}</h2>
              <SummaryList
                rows={[
                  { key: 'Type of organisation', value: legalFormLabel(o.legalForm) },
                  { key: 'Your role', value: o.role === 'owner' ? 'Owner: you can manage this organisation' : 'Member' },
                ]}
              />
            </div>
          ))}
          {me.emailVerified && (
            <>
              <h2 className="govuk-heading-m">Two-step verification</h2>
              <p className="govuk-body">
                Ask for a code from an authenticator app on your phone each time you sign in, as well as your password.
              </p>
              <p className="govuk-body">
                <Link className="govuk-link" to="/account/two-step-verification">
                  Manage two-step verification
                </Link>
              </p>
              {me.role === 'admin' && (
                <p className="govuk-body">
                  <Link className="govuk-link" to="/admin/two-step-verification">
                    Choose which staff must use two-step verification
                  </Link>
                </p>
              )}
            </>
          )}
          <h2 className="govuk-heading-m">What to do next</h2>
          {dashboard ? (
            <>
              <p className="govuk-body">Your account is ready. You can:</p>
              <ul className="govuk-list govuk-list--bullet">
                <li>
                  <Link className="govuk-link" to="/profile">
                    tell us about your organisation
                  </Link>{' '}
                  and choose the kinds of work you want to hear about
                </li>
                <li>
                  <Link className="govuk-link" to="/members">
                    invite people from your organisation
                  </Link>
                </li>
                <li>
                  <Link className="govuk-link" to="/insurance">
                    add your insurance certificates
                  </Link>{' '}
                  so council buyers can check your cover
                </li>
                <li>
                  <Link className="govuk-link" to="/bank-details">
                    give the bank details the council pays you into
                  </Link>
                </li>
                <li>
                  <Link className="govuk-link" to="/dps">
                    join a list of approved suppliers
                  </Link>{' '}
                  (a dynamic purchasing system) to be invited to bid for that type of work
                </li>
                <li>
                  <Link className="govuk-link" to="/alerts">
                    set up an alert
                  </Link>{' '}
                  to get an email when new work that fits you is published
                </li>
                <li>
                  <Link className="govuk-link" to="/opportunities">
                    find opportunities
                  </Link>
                  , ask the council questions about them and send your bids
                </li>
              </ul>
              <ComingSoon />
            </>
          ) : me.emailVerified ? (
            <>
              <p className="govuk-body">Your account is ready.</p>
              {me.role !== 'supplier' && (
                <p className="govuk-body">
                  <Link className="govuk-link" to="/suppliers">
                    See the suppliers registered with the council
                  </Link>
                </p>
              )}
            </>
          ) : (
            <ol className="govuk-list govuk-list--number">
              <li>Open the link we emailed you to confirm your email address.</li>
              <li>Come back here to see what you can do next.</li>
            </ol>
          )}
          <p className="govuk-body">
            Not sure what a word means? Read the{' '}
            <Link className="govuk-link" to="/glossary">
              glossary
            </Link>
            .
          </p>
        </div>
      </div>
    </Page>
  )
}
