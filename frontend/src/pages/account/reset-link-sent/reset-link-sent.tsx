import { Link, useLocation } from 'react-router'
import { Page } from '../../../components/page/page'

/** ResetLinkSent says a reset link is on its way, without saying whether the address has an account. */
export function ResetLinkSent() {
  const email = (useLocation().state as { email?: string } | null)?.email
  const title = 'Check your email'
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            If {email ? <strong className="app-break-words">{email}</strong> : 'the address you gave'} has an account, we
            have sent it a link to choose a new password. The link works for 1 hour.
          </p>
          <p className="govuk-body">The email may take a few minutes to arrive. Check your spam or junk folder.</p>
          <p className="govuk-body">
            If it does not arrive,{' '}
            <Link className="govuk-link" to="/forgot-password">
              ask for another link
            </Link>{' '}
            or check you used the email address you registered with.
          </p>
        </div>
      </div>
    </Page>
  )
}
