import { useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { PasswordInput } from '../../../components/password-input/password-input'
import { linkProblem, problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { LinkProblem } from '../../errors/link-problem/link-problem'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { passwordError, passwordHint } from '../../register/password/password'
import type { SignInState } from '../sign-in/sign-in'

/** ResetPassword sets a new password with the token from a reset email (?token=…). */
export function ResetPassword() {
  const [params] = useSearchParams()
  const token = params.get('token') ?? ''
  const navigate = useNavigate()
  const form = useForm({ password: '' }, { fields: { password: 'Password must be 12 characters or more' } })
  const [badLink, setBadLink] = useState<string | undefined>(token ? undefined : '')
  const title = 'Choose a new password'

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (badLink !== undefined)
    return (
      <LinkProblem detail={badLink}>
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgot-password">
            Ask for a new link to reset your password
          </Link>
        </p>
      </LinkProblem>
    )

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const error = passwordError(form.values.password)
    if (error) return form.fail([{ field: 'password', text: error }])
    const ok = await form.submit(
      async () => {
        await call(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password: form.values.password } }))
      },
      (err) => {
        const bad = linkProblem(err.problem)
        if (bad !== undefined) {
          setBadLink(bad)
          return { summary: [] }
        }
        return problemToErrors(err.problem, { fields: { password: 'Password must be 12 characters or more' } })
      },
    )
    if (ok) {
      const state: SignInState = { notice: 'Your password has been changed. Sign in with your new password.' }
      navigate('/sign-in', { state, replace: true })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <form noValidate onSubmit={onSubmit}>
            <PasswordInput
              id="password"
              label={title}
              isPageHeading
              labelSize="l"
              hint={passwordHint}
              error={form.errors.password}
              autoComplete="new-password"
              {...form.bind('password')}
            />
            <p className="govuk-body">Changing your password signs you out on every other device.</p>
            <Button busy={form.submitting}>Change password</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
