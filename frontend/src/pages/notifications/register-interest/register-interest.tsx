import { useState, type FormEvent, type ReactNode } from 'react'
import { Link, useLocation } from 'react-router'
import { api, call } from '../../../api/client'
import { useOrganisationId } from '../../../app/require-role'
import { isProblem, isServiceUnavailable } from '../../../api/errors'
import { useSession } from '../../../app/session'
import { Button } from '../../../components/button/button'
import { formatDate } from '../../../format/dates'
import { useLoad } from '../../../lib/use-load'

/** What registering interest gives, said wherever the control is. */
export const INTEREST_HINT =
  'We will tell you if the council changes or cancels this opportunity, and remind you 7 days and 48 hours before the deadline for bids.'


/**
 * RegisterInterest is the opportunity page's "Register interest" control. A
 * signed-in supplier registers (or stops) interest in place; anyone not
 * signed in gets a link to sign in and come back; council staff get nothing,
 * as they cannot bid.
 */
export function RegisterInterest({ opportunityId }: { opportunityId: string }) {
  const session = useSession()
  const { pathname, search } = useLocation()
  if (session.status === 'loading' || session.status === 'unknown') return null
  if (session.status === 'signed-out' || !session.me) {
    return (
      <Section>
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in" state={{ next: pathname + search }}>
            Sign in to register interest
          </Link>
        </p>
        <p className="govuk-hint">{INTEREST_HINT}</p>
      </Section>
    )
  }
  if (session.me.role !== 'supplier') return null
  if (!session.me.emailVerified) {
    return (
      <Section>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account">
            Confirm your email address
          </Link>{' '}
          to register interest.
        </p>
        <p className="govuk-hint">{INTEREST_HINT}</p>
      </Section>
    )
  }
  return <SupplierInterest opportunityId={opportunityId} />
}

function Section({ children }: { children: ReactNode }) {
  return (
    <section className="govuk-!-margin-bottom-6" aria-labelledby="register-interest-heading">
      <h2 className="govuk-heading-m" id="register-interest-heading">
        Get updates about this opportunity
      </h2>
      {children}
    </section>
  )
}

function SupplierInterest({ opportunityId }: { opportunityId: string }) {
  const organisationId = useOrganisationId()
  const { load, set } = useLoad(() => call(api.GET('/api/v1/opportunities/{id}/interest', { params: { path: { id: opportunityId } } })), [opportunityId])
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')
  const [said, setSaid] = useState('')

  if (load.kind === 'loading') return null
  // A part of the opportunity's page: any failure is said here, and the page goes on.
  if (load.kind !== 'ready') {
    return (
      <Section>
        <p className="govuk-body">Sorry, you cannot register interest just now. Try again later.</p>
      </Section>
    )
  }

  const { data: interest } = load
  const act = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    setProblem('')
    try {
      if (interest.registered) {
        await call(api.DELETE('/api/v1/opportunities/{id}/interest', { params: { path: { id: opportunityId } } }))
        set({ registered: false })
        setSaid('You will no longer get updates about this opportunity.')
      } else {
        const now = await call(api.POST('/api/v1/opportunities/{id}/interest', { params: { path: { id: opportunityId }, query: { organisationId } } }))
        set(now)
        setSaid('You registered interest. We will email you about changes and before the deadline.')
      }
    } catch (err) {
      setSaid('')
      if (isProblem(err)) setProblem(err.problem.detail || err.problem.title || 'You cannot register interest in this opportunity.')
      else if (isServiceUnavailable(err)) setProblem('Sorry, there is a problem with the service. Try again later.')
      else throw err
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section>
      {problem && (
        <div className="govuk-form-group govuk-form-group--error">
          <p className="govuk-error-message" id="register-interest-error" role="alert">
            <span className="govuk-visually-hidden">Error:</span> {problem}
          </p>
        </div>
      )}
      <div role="status" className="govuk-visually-hidden" id="register-interest-status">
        {said}
      </div>
      {interest.registered ? (
        <>
          <p className="govuk-body">
            <strong>You registered interest{interest.since ? ` on ${formatDate(interest.since)}` : ''}.</strong>
          </p>
          <p className="govuk-hint">{INTEREST_HINT}</p>
          <form noValidate onSubmit={act}>
            <Button variant="secondary" busy={busy}>
              Stop updates about this
            </Button>
          </form>
        </>
      ) : (
        <>
          <p className="govuk-hint" id="register-interest-hint">
            {INTEREST_HINT}
          </p>
          <form noValidate onSubmit={act}>
            <Button busy={busy}>Register interest</Button>
          </form>
        </>
      )}
    </Section>
  )
}
