import { useEffect, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { isProblem } from '../../../api/errors'
import { linkProblem } from '../../../forms/problem'
import { useSession } from '../../../app/session'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { LinkProblem } from '../../errors/link-problem/link-problem'
import { LoadingPage } from '../../../lib/load-gate'
import { ServiceProblem } from '../../errors/service-problem/service-problem'

type Outcome = { kind: 'checking' } | { kind: 'done' } | { kind: 'bad-link'; detail: string } | { kind: 'down' }

/** VerifyEmail confirms an email address with the token from the emailed link (?token=…). */
export function VerifyEmail() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const session = useSession()
  const [outcome, setOutcome] = useState<Outcome>(token ? { kind: 'checking' } : { kind: 'bad-link', detail: '' })
  const sent = useRef('')

  useEffect(() => {
    // Send each token once, even when React runs effects twice in development.
    if (!token || sent.current === token) return
    sent.current = token
    call(api.POST('/api/v1/auth/verify-email', { body: { token } }))
      .then(() => {
        setOutcome({ kind: 'done' })
        void session.reload()
      })
      .catch((err: unknown) => {
        if (isProblem(err)) setOutcome({ kind: 'bad-link', detail: linkProblem(err.problem) ?? err.problem.detail ?? '' })
        else setOutcome({ kind: 'down' })
      })
  }, [token, session])

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
