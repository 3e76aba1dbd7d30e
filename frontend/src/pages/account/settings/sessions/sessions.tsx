import { useState } from 'react'
import { api, call } from '../../../../api/client'
import { isProblem, isServiceUnavailable } from '../../../../api/errors'
import { BackLink } from '../../../../components/back-link/back-link'
import { Button } from '../../../../components/button/button'
import { ErrorSummary } from '../../../../components/error-summary/error-summary'
import { NotificationBanner } from '../../../../components/notification-banner/notification-banner'
import { Page } from '../../../../components/page/page'
import { Table } from '../../../../components/table/table'
import { Tag } from '../../../../components/tag/tag'
import { formatDateTime } from '../../../../format/dates'
import type { SummaryError } from '../../../../forms/problem'
import { LoadGate } from '../../../../lib/load-gate'
import { useLoad } from '../../../../lib/use-load'
import { ServiceProblem } from '../../../errors/service-problem/service-problem'
import { SETTINGS_PATH } from '../settings-state'

const title = 'Where you are signed in'

type SessionRow = Awaited<ReturnType<typeof loadSessions>>[number]

async function loadSessions() {
  return (await call(api.GET('/api/v1/me/sessions'))).items
}

/** Sessions lists the devices signed in to the account and signs them out, one or all but this one. */
export function Sessions() {
  const { load, reload } = useLoad(() => loadSessions(), [])
  const [notice, setNotice] = useState<string>()
  const [errors, setErrors] = useState<SummaryError[]>([])
  const [attempt, setAttempt] = useState(0)
  const [busy, setBusy] = useState(false)
  const [down, setDown] = useState(false)
  if (down) return <ServiceProblem onRetry={() => setDown(false)} />

  const act = async (send: () => Promise<{ message: string }>) => {
    if (busy) return
    setBusy(true)
    try {
      setNotice((await send()).message)
      setErrors([])
    } catch (err) {
      if (isServiceUnavailable(err) || !isProblem(err)) return setDown(true)
      setNotice(undefined)
      setErrors([{ text: err.problem.detail ?? 'That device could not be signed out. Try again.' }])
      setAttempt((a) => a + 1)
    } finally {
      setBusy(false)
      await reload()
    }
  }

  return (
    <LoadGate load={load} loadingTitle={title} onRetry={() => void reload()}>
      {(rows) => (
        <Page title={title} error={errors.length > 0}>
          <BackLink to={SETTINGS_PATH}>Back to account settings</BackLink>
          <ErrorSummary errors={errors} attempt={attempt} />
          {notice && <NotificationBanner type="success" heading={notice} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            These are the devices and browsers signed in to your account now. If you do not recognise one, sign it out and change your
            password.
          </p>
          <Table<SessionRow>
            caption="Signed-in devices"
            captionSize="hidden"
            rowKey={(r) => r.id}
            rows={rows}
            firstCellIsHeader
            scrollLabel="Signed-in devices"
            columns={[
              { header: 'Device', cell: (r) => r.device },
              { header: 'Signed in', cell: (r) => formatDateTime(r.signedInAt) },
              { header: 'Last used', cell: (r) => formatDateTime(r.lastUsedAt) },
              {
                header: <span className="govuk-visually-hidden">Action</span>,
                cell: (r) =>
                  r.current ? (
                    <Tag colour="green">This device</Tag>
                  ) : (
                    <Button
                      type="button"
                      variant="secondary"
                      className="govuk-!-margin-bottom-0"
                      busy={busy}
                      onClick={() => void act(() => call(api.POST('/api/v1/me/sessions/{id}/end', { params: { path: { id: r.id } } })))}
                    >
                      Sign out<span className="govuk-visually-hidden"> {r.device}, signed in {formatDateTime(r.signedInAt)}</span>
                    </Button>
                  ),
              },
            ]}
          />
          {rows.some((r) => !r.current) && (
            <Button type="button" variant="warning" busy={busy} onClick={() => void act(() => call(api.POST('/api/v1/me/sessions/end-others')))}>
              Sign out everywhere else
            </Button>
          )}
        </Page>
      )}
    </LoadGate>
  )
}
