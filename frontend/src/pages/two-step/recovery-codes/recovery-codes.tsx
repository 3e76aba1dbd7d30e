import { Link, useLocation, useNavigate } from 'react-router'
import { Button } from '../../../components/button/button'
import { Page } from '../../../components/page/page'
import { WarningText } from '../../../components/warning-text/warning-text'
import { TWO_STEP_PATH, type RecoveryCodesState } from '../two-step-state'

/**
 * RecoveryCodes shows a person's new recovery codes, this once. They come in
 * navigation state, never from the server again; going on replaces this page in
 * the browser's history, so Back does not show them.
 */
export function RecoveryCodes() {
  const navigate = useNavigate()
  const state = useLocation().state as Partial<RecoveryCodesState> | null
  const codes = state?.codes ?? []

  if (codes.length === 0) {
    const title = 'Your recovery codes'
    return (
      <Page title={title}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h1 className="govuk-heading-l">{title}</h1>
            <p className="govuk-body">Recovery codes are shown only once, when you get them.</p>
            <p className="govuk-body">
              <Link className="govuk-link" to={`${TWO_STEP_PATH}/new-recovery-codes`}>
                Get new recovery codes
              </Link>{' '}
              if you did not save them.
            </p>
          </div>
        </div>
      </Page>
    )
  }

  const title = 'Save your recovery codes'
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            If you lose your phone, you can sign in with one of these codes instead of a code from your authenticator app. Each code
            works once.
          </p>
          <WarningText>You will not be able to see these codes again.</WarningText>
          <ol className="govuk-list govuk-list--number app-recovery-codes" aria-label="Your recovery codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          <p className="govuk-body">Keep them somewhere safe that only you can get to, for example:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>in a password manager</li>
            <li>printed on paper and locked away</li>
          </ul>
          <p className="govuk-body">Do not keep them on the same phone as your authenticator app.</p>
          <Button type="button" onClick={() => navigate(state?.next ?? TWO_STEP_PATH, { replace: true })}>
            I have saved my recovery codes
          </Button>
        </div>
      </div>
    </Page>
  )
}
