import { useState, type FormEvent } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { PasswordInput } from '../../../components/password-input/password-input'
import { TextInput } from '../../../components/text-input/text-input'
import { linkProblem, problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { LinkProblem } from '../../errors/link-problem/link-problem'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { passwordError, passwordHint } from '../../register/password/password'
import type { SignInState } from '../sign-in/sign-in'

const messages = { fields: { name: 'Enter your name', password: 'Password must be 12 characters or more' } }

/** AcceptInvitation lets a member of council staff set up the account an administrator invited them to (?token=…). */
export function AcceptInvitation() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const navigate = useNavigate()
  const form = useForm({ name: '', password: '' }, messages)
  const [badLink, setBadLink] = useState<string | undefined>(token ? undefined : '')
  const title = 'Set up your account'

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (badLink !== undefined)
    return (
      <LinkProblem detail={badLink}>
        <p className="govuk-body">
          Invitations work for 7 days. Ask the administrator who invited you to send a new invitation.
        </p>
      </LinkProblem>
    )

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const error = passwordError(form.values.password)
    if (error) return form.fail([{ field: 'password', text: error }])
    const name = form.values.name.trim()
    const ok = await form.submit(
      async () => {
        await call(
          api.POST('/api/v1/auth/invitations/accept', {
            body: { token, password: form.values.password, ...(name ? { name } : {}) },
          }),
        )
      },
      (err) => {
        const bad = linkProblem(err.problem)
        if (bad !== undefined) {
          setBadLink(bad)
          return { summary: [] }
        }
        return problemToErrors(err.problem, messages)
      },
    )
    if (ok) {
      const state: SignInState = { notice: 'Your account is ready. Sign in with your email address and new password.' }
      navigate('/sign-in', { state, replace: true })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">You have been invited to use this service as a member of council staff.</p>
          <form noValidate onSubmit={onSubmit}>
            <TextInput
              id="name"
              label="Your name (optional)"
              hint="Leave this blank to keep the name the administrator gave."
              error={form.errors.name}
              autoComplete="name"
              spellCheck={false}
              {...form.bind('name')}
            />
            <PasswordInput
              id="password"
              label="Create a password"
              hint={passwordHint}
              error={form.errors.password}
              autoComplete="new-password"
              {...form.bind('password')}
            />
            <Button busy={form.submitting}>Set up account</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
