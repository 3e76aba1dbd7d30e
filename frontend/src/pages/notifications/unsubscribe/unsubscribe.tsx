import { useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { isProblem } from '../../../api/errors'
import { useSession } from '../../../app/session'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { useForm } from '../../../forms/use-form'
import { LoadingPage } from '../../../lib/load-gate'
import { NOTHING_MISSING, useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import type { Unsubscription } from '../types'


/** unsubscribeQuestion is the page's question: what the link would stop. */
export function unsubscribeQuestion(what: Unsubscription): string {
  return what.kind === 'interest' ? `Stop emails about ‘${what.name}’?` : `Stop emails for your alert ‘${what.name}’?`
}

// ManageAlerts links to the person's alerts, through signing in when they are not signed in.
function ManageAlerts({ signedIn, signedOut }: { signedIn: string; signedOut: string }) {
  const session = useSession()
  if (session.status === 'signed-in' && session.me?.role === 'supplier') {
    return (
      <Link className="govuk-link" to="/alerts">
        {signedIn}
      </Link>
    )
  }
  return (
    <Link className="govuk-link" to="/sign-in" state={{ next: '/alerts' }}>
      {signedOut}
    </Link>
  )
}

/**
 * Unsubscribe is where an email's "stop these emails" link lands, for anyone,
 * signed in or not: it says what the link stops, stops it when asked (the
 * link alone is the permission), and confirms. A link that does not work says
 * how else to manage alerts.
 */
export function Unsubscribe() {
  const { token = '' } = useParams()
  // Any refusal means the link does not work.
  const { load } = useLoad(() => call(api.GET('/api/v1/unsubscribe/{token}', { params: { path: { token } } })), [token], NOTHING_MISSING)
  // A link that stops working between asking and stopping.
  const [badNow, setBadNow] = useState<string | undefined>()

  if (badNow !== undefined) return <BadLink detail={badNow} />
  switch (load.kind) {
    case 'loading':
      return <LoadingPage />
    case 'down':
    case 'missing':
      return <ServiceProblem />
    case 'refused':
      return <BadLink detail={load.detail} />
    case 'ready':
      return load.data.done ? <AlreadyStopped /> : <Ask token={token} what={load.data} onBad={setBadNow} />
  }
}

function Ask({ token, what, onBad }: { token: string; what: Unsubscription; onBad: (detail: string) => void }) {
  const form = useForm({})
  const [stopped, setStopped] = useState<Unsubscription | undefined>()
  const title = unsubscribeQuestion(what)

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (stopped) return <Stopped what={stopped} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    let result: Unsubscription | undefined
    let bad: string | undefined
    await form.submit(
      async () => {
        result = await call(api.POST('/api/v1/unsubscribe/{token}', { params: { path: { token } } }))
      },
      (err) => {
        if (!isProblem(err, 404)) return undefined
        bad = err.problem.detail ?? ''
        return { summary: [] }
      },
    )
    if (bad !== undefined) onBad(bad)
    // Stopped meanwhile (a mail program's one-click, another tab), the answer has no name: keep the one asked about.
    else if (result) setStopped({ ...what, ...result, name: result.name || what.name })
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l app-break-words">{title}</h1>
          {what.kind === 'interest' ? (
            <p className="govuk-body">
              You will stop getting updates and deadline reminders about this opportunity. While it is open, you can register interest
              again on its page.
            </p>
          ) : (
            <>
              <p className="govuk-body">
                We will delete this alert, so you stop getting emails and inbox messages when new opportunities match it. Your other
                alerts carry on.
              </p>
              <p className="govuk-body">
                If you would rather change what the alert finds, or get one email a day,{' '}
                <ManageAlerts signedIn="change your alerts" signedOut="sign in to change your alerts" /> instead.
              </p>
            </>
          )}
          <form noValidate onSubmit={onSubmit}>
            <Button busy={form.submitting}>Stop emails</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}

function Stopped({ what }: { what: Unsubscription }) {
  const title = 'Emails stopped'
  return (
    <Page title={title} focusHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title={title}>
            <span className="app-break-words">
              {what.kind === 'interest' ? `You will not get any more emails about ‘${what.name}’` : `We paused your alert ‘${what.name}’`}
            </span>
          </Panel>
          <p className="govuk-body">
            {what.kind === 'interest'
              ? 'You will still hear about new opportunities that match your alerts.'
              : 'You will not get any more emails for this alert until you resume it on your alerts page: nothing about it is deleted. Your other alerts carry on.'}
          </p>
          <p className="govuk-body">
            <ManageAlerts signedIn="Manage your alerts" signedOut="Sign in to manage your alerts" />
          </p>
        </div>
      </div>
    </Page>
  )
}

function AlreadyStopped() {
  const title = 'These emails have already been stopped'
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">You will not get any more emails from this link. There is nothing more to do.</p>
          <p className="govuk-body">
            <ManageAlerts signedIn="Manage your alerts" signedOut="Sign in to manage your alerts" />
          </p>
        </div>
      </div>
    </Page>
  )
}

function BadLink({ detail }: { detail: string }) {
  const title = 'This unsubscribe link does not work'
  return (
    <Page title={title} focusHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">{detail || 'We do not recognise this link.'}</p>
          <p className="govuk-body">If you copied the link from an email, check you copied the whole address.</p>
          <p className="govuk-body">You can stop or change any of your alerts after you sign in.</p>
          <p className="govuk-body">
            <ManageAlerts signedIn="Manage your alerts" signedOut="Sign in to manage your alerts" />
          </p>
        </div>
      </div>
    </Page>
  )
}
