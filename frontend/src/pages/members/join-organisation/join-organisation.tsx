import { useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { useSession } from '../../../app/session'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { PasswordInput } from '../../../components/password-input/password-input'
import { TextInput } from '../../../components/text-input/text-input'
import { linkProblem, problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { LinkProblem } from '../../errors/link-problem/link-problem'
import { LoadingPage } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import type { SignInState } from '../../account/sign-in/sign-in'
import { passwordError, passwordHint } from '../../register/password/password'

const title = 'Join your organisation'
const messages = { fields: { name: 'Enter your full name', password: 'Password must be 12 characters or more' } }

type Outcome = { kind: 'form' } | { kind: 'bad-link'; detail: string } | { kind: 'has-account'; detail: string } | { kind: 'joined'; organisation: string }

/**
 * JoinOrganisation accepts an emailed invitation (/join-organisation?token=…).
 * Signed in, the person joins with one button. Signed out, someone without an
 * account chooses a name and password; someone with an account is asked to
 * sign in first and is brought back here.
 */
export function JoinOrganisation() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const session = useSession()
  const navigate = useNavigate()
  const form = useForm({ name: '', password: '' }, messages)
  const [outcome, setOutcome] = useState<Outcome>(token ? { kind: 'form' } : { kind: 'bad-link', detail: '' })
  const here = `/join-organisation?token=${encodeURIComponent(token)}`
  // Which organisation, who sent it and to which address. Without an answer the
  // page still works in general words; only a link that does not work stops it.
  const { load } = useLoad(
    () => (token ? call(api.POST('/api/v1/organisation-invitations/look-up', { body: { token } })) : Promise.reject(new Error('no token'))),
    [token],
  )
  const invitation = load.kind === 'ready' ? load.data : undefined
  const lookUpBadLink = load.kind === 'refused' ? linkProblem(load.problem) : undefined
  const invited = invitation ? (
    <p className="govuk-body">
      {invitation.invitedBy || 'An owner'} has invited you to join <strong>{invitation.organisation}</strong> as{' '}
      {invitation.role === 'owner' ? 'an owner' : 'a member'}. The invitation is for{' '}
      <strong className="app-break-words">{invitation.email}</strong>.
    </p>
  ) : (
    <p className="govuk-body">You have been invited to join an organisation on this service.</p>
  )
  const signIn = (
    <Link className="govuk-link" to="/sign-in" state={{ next: here } satisfies SignInState}>
      sign in
    </Link>
  )

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (outcome.kind === 'bad-link' || lookUpBadLink !== undefined) {
    return (
      <LinkProblem detail={outcome.kind === 'bad-link' ? outcome.detail : (lookUpBadLink ?? '')}>
        <p className="govuk-body">Invitations work for 7 days. Ask the person who invited you to send a new one.</p>
      </LinkProblem>
    )
  }
  if (outcome.kind === 'joined') {
    return (
      <Page title={`You have joined ${outcome.organisation}`} focusHeading>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Panel title={`You have joined ${outcome.organisation}`} />
            <p className="govuk-body">
              <Link className="govuk-link" to="/profile">
                See your organisation’s profile
              </Link>
            </p>
          </div>
        </div>
      </Page>
    )
  }
  if (session.status === 'loading' || load.kind === 'loading') return <LoadingPage title={title} />
  if (session.status === 'unknown') return <ServiceProblem />
  if (outcome.kind === 'has-account') {
    return (
      <Page title="Sign in to join your organisation" focusHeading>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h1 className="govuk-heading-l">Sign in to join your organisation</h1>
            <p className="govuk-body">{outcome.detail || 'You already have an account.'}</p>
            <p className="govuk-body">
              You already have an account, so {signIn} first. We will bring you back here to join.
            </p>
          </div>
        </div>
      </Page>
    )
  }

  const accept = async (body: { token: string; name?: string; password?: string }) => {
    let organisation = ''
    const ok = await form.submit(
      async () => {
        organisation = (await call(api.POST('/api/v1/organisation-invitations/accept', { body }))).organisation
      },
      (err) => {
        const bad = linkProblem(err.problem)
        if (bad !== undefined) {
          setOutcome({ kind: 'bad-link', detail: bad })
          return { summary: [] }
        }
        if (err.status === 401 && session.status !== 'signed-in') {
          setOutcome({ kind: 'has-account', detail: err.problem.detail ?? '' })
          return { summary: [] }
        }
        return problemToErrors(err.problem, messages)
      },
    )
    return ok ? organisation : undefined
  }

  if (session.status === 'signed-in' && session.me) {
    const me = session.me
    const onJoin = async (e: FormEvent) => {
      e.preventDefault()
      const organisation = await accept({ token })
      if (organisation !== undefined) {
        setOutcome({ kind: 'joined', organisation })
        void session.reload()
      }
    }
    return (
      <Page title={title} error={form.summary.length > 0}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <ErrorSummary errors={form.summary} attempt={form.attempt} />
            <h1 className="govuk-heading-l">{title}</h1>
            {invited}
            <p className="govuk-body">
              You are signed in as <strong className="app-break-words">{me.email}</strong>.
            </p>
            <form noValidate onSubmit={onJoin}>
              <Button busy={form.submitting}>Join the organisation</Button>
            </form>
            <p className="govuk-body">
              If the invitation is for another email address,{' '}
              <Link className="govuk-link" to="/sign-out">
                sign out
              </Link>{' '}
              and follow the link in the email again.
            </p>
          </div>
        </div>
      </Page>
    )
  }

  const onCreate = async (e: FormEvent) => {
    e.preventDefault()
    const errors = [
      ...(form.values.name.trim() ? [] : [{ field: 'name', text: 'Enter your full name' }]),
      ...(passwordError(form.values.password) ? [{ field: 'password', text: passwordError(form.values.password)! }] : []),
    ]
    if (errors.length) return form.fail(errors)
    const organisation = await accept({ token, name: form.values.name.trim(), password: form.values.password })
    if (organisation !== undefined) {
      const state: SignInState = {
        notice: `You have joined ${organisation}. Sign in with your email address and new password.`,
        next: '/profile',
      }
      navigate('/sign-in', { state, replace: true })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          {invited}
          <p className="govuk-body">If you already have an account, {signIn} first.</p>
          <h2 className="govuk-heading-m">If you do not have an account</h2>
          <p className="govuk-body">Create one now. Your email address is the one the invitation was sent to.</p>
          <form noValidate onSubmit={onCreate}>
            <TextInput id="name" label="Your full name" error={form.errors.name} autoComplete="name" spellCheck={false} {...form.bind('name')} />
            <PasswordInput
              id="password"
              label="Create a password"
              hint={passwordHint}
              error={form.errors.password}
              autoComplete="new-password"
              {...form.bind('password')}
            />
            <Button busy={form.submitting}>Create account and join</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
