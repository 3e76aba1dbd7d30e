import { Link, useLocation } from 'react-router'
import { useSession } from '../../../../app/session'
import { BackLink } from '../../../../components/back-link/back-link'
import { NotificationBanner } from '../../../../components/notification-banner/notification-banner'
import { Page } from '../../../../components/page/page'
import { SummaryList } from '../../../../components/summary-list/summary-list'
import { SETTINGS_PATH, type SettingsNotice } from '../settings-state'

const title = 'Account settings'

/** AccountSettings lists what a person can change about their account, with a link to each. */
export function AccountSettings() {
  const notice = ((useLocation().state ?? {}) as SettingsNotice).notice
  const me = useSession().me
  if (!me) return null
  return (
    <Page title={title}>
      <BackLink to="/account">Back to your account</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <SummaryList
            rows={[
              { key: 'Name', value: me.name, changeTo: `${SETTINGS_PATH}/name` },
              { key: 'Email address', value: <span className="app-break-words">{me.email}</span>, changeTo: `${SETTINGS_PATH}/email` },
            ]}
          />
          <h2 className="govuk-heading-m">Password</h2>
          <p className="govuk-body">Changing your password signs you out on every other device.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`${SETTINGS_PATH}/password`}>
              Change your password
            </Link>
          </p>
          <h2 className="govuk-heading-m">Where you are signed in</h2>
          <p className="govuk-body">See the devices signed in to your account, and sign any of them out.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`${SETTINGS_PATH}/sessions`}>
              Manage where you are signed in
            </Link>
          </p>
          <h2 className="govuk-heading-m">Two-step verification</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="/account/two-step-verification">
              Manage two-step verification
            </Link>
          </p>
          {me.role === 'supplier' && (
            <>
              <h2 className="govuk-heading-m">Delete your account</h2>
              <p className="govuk-body">Remove your personal details from this service and stop using it.</p>
              <p className="govuk-body">
                <Link className="govuk-link" to={`${SETTINGS_PATH}/delete`}>
                  Delete your account
                </Link>
              </p>
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
