import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { api, call } from '../../../api/client'
import { isServiceUnavailable } from '../../../api/errors'
import { useSession } from '../../../app/session'
import { Page } from '../../../components/page/page'
import { ServiceProblem } from '../../errors/service-problem/service-problem'

/** SignOut ends the session as soon as the page opens, then says so. */
export function SignOut() {
  const session = useSession()
  const [state, setState] = useState<'working' | 'done' | 'down'>('working')
  const started = useRef(false)

  useEffect(() => {
    if (started.current) return
    started.current = true
    call(api.POST('/api/v1/auth/logout'))
      .catch((err: unknown) => {
        // Not signed in (401) is as good as signed out.
        if (isServiceUnavailable(err)) throw err
      })
      .then(() => {
        session.signedOut()
        setState('done')
      })
      .catch(() => setState('down'))
  }, [session])

  if (state === 'down') return <ServiceProblem />
  const title = state === 'done' ? 'You have signed out' : 'Signing you out'
  return (
    <Page title={title} focusHeading={state === 'done'}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          {state === 'done' ? (
            <p className="govuk-body">
              <Link className="govuk-link" to="/sign-in">
                Sign in again
              </Link>
            </p>
          ) : (
            <p className="govuk-body" role="status">
              Please wait.
            </p>
          )}
        </div>
      </div>
    </Page>
  )
}
