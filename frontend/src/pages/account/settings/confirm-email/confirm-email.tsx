import { Link, useSearchParams } from 'react-router'
import { api, call } from '../../../../api/client'
import { useSession } from '../../../../app/session'
import { Page } from '../../../../components/page/page'
import { Panel } from '../../../../components/panel/panel'
import { LoadingPage } from '../../../../lib/load-gate'
import { useEmailedLink } from '../../../../lib/use-emailed-link'
import { LinkProblem } from '../../../errors/link-problem/link-problem'
import { ServiceProblem } from '../../../errors/service-problem/service-problem'
import { SETTINGS_PATH } from '../settings-state'

const confirm = (token: string) => call(api.POST('/api/v1/auth/email-change/confirm', { body: { token } }))

/** ConfirmEmail makes the new email address the account's, from the emailed link (?token=…). */
export function ConfirmEmail() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const session = useSession()
  const outcome = useEmailedLink(token, confirm)

  switch (outcome.kind) {
    case 'checking':
      return <LoadingPage title="Changing your email address" />
    case 'down':
      return <ServiceProblem />
    case 'bad-link':
      return (
        <LinkProblem detail={outcome.detail}>
          <p className="govuk-body">
            To get a new link, sign in and{' '}
            <Link className="govuk-link" to={`${SETTINGS_PATH}/email`}>
              change your email address
            </Link>{' '}
            again.
          </p>
        </LinkProblem>
      )
    case 'done':
      return (
        <Page title="Email address changed" focusHeading>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <Panel title="Email address changed" />
              <p className="govuk-body app-break-words">{outcome.result.message}</p>
              <p className="govuk-body">
                {session.status === 'signed-in' ? (
                  <Link className="govuk-link" to={SETTINGS_PATH}>
                    Back to account settings
                  </Link>
                ) : (
                  <Link className="govuk-link" to="/sign-in" state={{ next: SETTINGS_PATH }}>
                    Sign in with your new email address
                  </Link>
                )}
              </p>
            </div>
          </div>
        </Page>
      )
  }
}
