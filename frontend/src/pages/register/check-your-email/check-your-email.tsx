import { useEffect } from 'react'
import { Link, useLocation } from 'react-router'
import { Details } from '../../../components/details/details'
import { Page } from '../../../components/page/page'
import { useRegistration } from '../registration'

/** CheckYourEmail follows registration: the account exists once the emailed link is opened. */
export function CheckYourEmail() {
  const email = (useLocation().state as { email?: string } | null)?.email
  const { clear } = useRegistration()
  const title = 'Check your email'

  // The account exists now; nothing typed during registration is needed any more.
  useEffect(clear, [clear])
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            We have sent an email to {email ? <strong className="app-break-words">{email}</strong> : 'the address you gave us'}.
          </p>
          <p className="govuk-body">Open the link in the email to confirm your email address. The link works for 24 hours.</p>
          <p className="govuk-body">
            You can{' '}
            <Link className="govuk-link" to="/sign-in">
              sign in
            </Link>{' '}
            now, but you will only be able to see your own account until you have confirmed your email address.
          </p>
          <Details summary="If you have not received the email">
            <p className="govuk-body">The email may take a few minutes to arrive. Check your spam or junk folder.</p>
            <p className="govuk-body">
              If it still has not arrived, sign in and select &lsquo;Send the link again&rsquo; on your account page.
            </p>
            <p className="govuk-body">
              If you already had an account with this email address, we will have sent you an email telling you how to
              sign in instead.
            </p>
          </Details>
        </div>
      </div>
    </Page>
  )
}
