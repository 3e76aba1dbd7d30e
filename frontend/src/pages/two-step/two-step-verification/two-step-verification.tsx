import { Link, useLocation } from 'react-router'
import { api, call, type TwoStepStatus } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { InsetText } from '../../../components/inset-text/inset-text'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { formatDate } from '../../../format/dates'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { TWO_STEP_PATH, type TwoStepNotice } from '../two-step-state'

const title = 'Two-step verification'

/** TwoStepVerification is the account section where a person sees and changes how they sign in. */
export function TwoStepVerification() {
  const notice = ((useLocation().state ?? {}) as TwoStepNotice).notice
  const { load, reload } = useLoad(() => call(api.GET('/api/v1/me/two-step')), [])
  return (
    <LoadGate load={load} loadingTitle={title} loadingMessage="Loading." onRetry={() => void reload()}>
      {(status) => <Status status={status} notice={notice} />}
    </LoadGate>
  )
}

function Status({ status, notice }: { status: TwoStepStatus; notice?: string }) {
  const left = status.recoveryCodesLeft

  return (
    <Page title={title}>
      <BackLink to="/account">Back to your account</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Two-step verification keeps your account safe if someone learns your password. As well as your password, you enter a code
            from an{' '}
            <Link className="govuk-link" to="/glossary#authenticator-app">
              authenticator app
            </Link>{' '}
            on your phone each time you sign in.
          </p>
          <SummaryList
            rows={[
              { key: 'Two-step verification', value: status.enabled ? 'On' : 'Off' },
              ...(status.enabled && status.enabledAt ? [{ key: 'Turned on', value: formatDate(status.enabledAt) }] : []),
              ...(status.enabled ? [{ key: 'Recovery codes left', value: `${left} of 10` }] : []),
            ]}
          />
          {!status.enabled && (
            <>
              {status.required && (
                <InsetText>Your role must use two-step verification. You will be asked to set it up when you next sign in.</InsetText>
              )}
              <Link to={`${TWO_STEP_PATH}/set-up`} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                Set up two-step verification
              </Link>
            </>
          )}
          {status.enabled && (
            <>
              <h2 className="govuk-heading-m">Recovery codes</h2>
              <p className="govuk-body">
                If you lose your phone, sign in with a recovery code instead. Getting new codes stops the old ones working.
              </p>
              <p className="govuk-body">
                <Link className="govuk-link" to={`${TWO_STEP_PATH}/new-recovery-codes`}>
                  Get new recovery codes
                </Link>
              </p>
              <h2 className="govuk-heading-m">Turn off two-step verification</h2>
              {status.required ? (
                <InsetText>
                  Your role must use two-step verification, so you cannot turn it off. If you lose your phone and your recovery codes,
                  ask a council administrator to reset it.
                </InsetText>
              ) : (
                <p className="govuk-body">
                  <Link className="govuk-link" to={`${TWO_STEP_PATH}/turn-off`}>
                    Turn off two-step verification
                  </Link>
                </p>
              )}
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
