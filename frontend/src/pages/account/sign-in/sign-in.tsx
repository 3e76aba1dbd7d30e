import type { FormEvent } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { useSession } from '../../../app/session'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { PasswordInput } from '../../../components/password-input/password-input'
import { TextInput } from '../../../components/text-input/text-input'
import { required, useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'

/** What other pages may pass to the sign-in page through navigation state. */
export interface SignInState {
  /** Where to go after signing in (a path inside the app). */
  next?: string
  /** A success message to show above the form, e.g. after a password reset. */
  notice?: string
  /** Something that went wrong before, e.g. a two-step sign-in that timed out. */
  warning?: string
}

/** waitMessage turns a Retry-After in seconds into words. */
export function waitMessage(seconds?: number): string {
  if (!seconds) return 'a few minutes'
  const minutes = Math.ceil(seconds / 60)
  return minutes <= 1 ? '1 minute' : `${minutes} minutes`
}

/** SignIn signs a person in with their email address and password. */
export function SignIn() {
  const session = useSession()
  const navigate = useNavigate()
  const state = (useLocation().state ?? {}) as SignInState
  const form = useForm({ email: '', password: '' })
  const title = 'Sign in'

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, { email: 'Enter your email address', password: 'Enter your password' })
    if (missing.length) return form.fail(missing)
    let step = 'signed_in'
    const ok = await form.submit(
      async () => {
        const answer = await call(api.POST('/api/v1/auth/login', { body: { email: form.values.email.trim(), password: form.values.password } }))
        step = answer.next
        if (answer.user) session.signedIn(answer.user)
      },
      (err) => {
        if (err.status === 429) {
          return {
            summary: [{ text: `You have tried to sign in too many times. Wait ${waitMessage(err.retryAfter)} and try again.` }],
          }
        }
        if (err.status === 401) {
          // Say which of the two is wrong and someone could learn which emails have accounts.
          const text = 'Email address or password is not right'
          return { summary: [{ text, field: 'email' }], fields: { email: text, password: text } }
        }
        return undefined
      },
    )
    if (!ok) return
    const next = state.next?.startsWith('/') ? state.next : '/account'
    if (step === 'two_step_code') navigate('/sign-in/two-step', { state: { next } satisfies SignInState })
    else if (step === 'two_step_setup') navigate('/sign-in/set-up-two-step', { state: { next } satisfies SignInState })
    else navigate(next, { replace: true })
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {state.notice && form.summary.length === 0 && <NotificationBanner type="success" heading={state.notice} />}
          {state.warning && form.summary.length === 0 && <NotificationBanner heading={state.warning} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <form noValidate onSubmit={onSubmit}>
            <TextInput
              id="email"
              label="Email address"
              error={form.errors.email}
              type="email"
              autoComplete="email"
              spellCheck={false}
              {...form.bind('email')}
            />
            <PasswordInput
              id="password"
              label="Password"
              error={form.errors.password}
              autoComplete="current-password"
              {...form.bind('password')}
            />
            <Button busy={form.submitting}>Sign in</Button>
          </form>
          <p className="govuk-body">
            <Link className="govuk-link" to="/forgot-password">
              I have forgotten my password
            </Link>
          </p>
          <h2 className="govuk-heading-m">If you do not have an account</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="/register/organisation-name">
              Register your organisation
            </Link>
            . It takes about 5 minutes.
          </p>
        </div>
      </div>
    </Page>
  )
}
