import type { FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { TextInput } from '../../../components/text-input/text-input'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { validEmail } from '../../register/email/email'

/** ForgotPassword asks for the email address to send a password reset link to. */
export function ForgotPassword() {
  const navigate = useNavigate()
  const form = useForm({ email: '' }, { fields: { email: 'Enter an email address in the correct format, like name@example.com' } })
  const title = 'Reset your password'

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const email = form.values.email.trim()
    if (!email) return form.fail([{ field: 'email', text: 'Enter your email address' }])
    if (!validEmail(email))
      return form.fail([{ field: 'email', text: 'Enter an email address in the correct format, like name@example.com' }])
    const ok = await form.submit(async () => {
      await call(api.POST('/api/v1/auth/password-reset', { body: { email } }))
    })
    if (ok) navigate('/forgot-password/check-your-email', { state: { email } })
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/sign-in" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Enter the email address you use to sign in. We will send you a link to choose a new password.
          </p>
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
            <Button busy={form.submitting}>Send the link</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
