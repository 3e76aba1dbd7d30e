import { Link, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { useSession } from '../../../app/session'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { LinkProblem } from '../../errors/link-problem/link-problem'
import { LoadingPage } from '../../../lib/load-gate'
import { useEmailedLink } from '../../../lib/use-emailed-link'
import { ServiceProblem } from '../../errors/service-problem/service-problem'

const verify = (token: string) => call(api.POST('/api/v1/auth/verify-email', { body: { token } }))

/** VerifyEmail confirms an email address with the token from the emailed link (?token=…). */
export function VerifyEmail() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const session = useSession()
  const outcome = useEmailedLink(token, verify)

  switch (outcome.kind) {
    case 'checking':
      return <LoadingPage title="Confirming your email address" />
    case 'down':
      return <ServiceProblem />
    case 'bad-link':
      return (
        <LinkProblem detail={outcome.detail}>
          <p className="govuk-body">If you have already confirmed your email address, you do not need to do it again.</p>
          <p className="govuk-body">
            To get a new link,{' '}
            <Link className="govuk-link" to="/sign-in" state={{ next: '/account' }}>
              sign in
            </Link>{' '}
            and select &lsquo;Send the link again&rsquo; on your account page.
          </p>
        </LinkProblem>
      )
    case 'done':
      return (
        <Page title="Email address confirmed" focusHeading>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <Panel title="Email address confirmed" />
              <p className="govuk-body">Your account is ready to use.</p>
              <p className="govuk-body">
                {session.status === 'signed-in' ? (
                  <Link className="govuk-link" to="/account">
                    Go to your account
                  </Link>
                ) : (
                  <Link className="govuk-link" to="/sign-in" state={{ next: '/account' }}>
                    Sign in to your account
                  </Link>
                )}
              </p>
            </div>
          </div>
        </Page>
      )
  }
}
