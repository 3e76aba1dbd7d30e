import type { FormEvent, ReactNode } from 'react'
import { BackLink } from '../../components/back-link/back-link'
import { Button } from '../../components/button/button'
import { ErrorSummary } from '../../components/error-summary/error-summary'
import { Page } from '../../components/page/page'
import { PasswordInput } from '../../components/password-input/password-input'
import { required, useForm } from '../../forms/use-form'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import { tooManyTries, TWO_STEP_PATH } from './two-step-state'

/** Props for PasswordStep. */
export interface PasswordStepProps {
  title: string
  children: ReactNode
  button: string
  warning?: boolean
  /** Sends the password; resolves once the change is made. */
  send: (password: string) => Promise<void>
}

/**
 * PasswordStep is a page that asks for the person's password before a change to
 * how they sign in (turning two-step verification off, new recovery codes).
 */
export function PasswordStep({ title, children, button, warning, send }: PasswordStepProps) {
  const form = useForm({ password: '' })
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, { password: 'Enter your password' })
    if (missing.length) return form.fail(missing)
    await form.submit(() => send(form.values.password), tooManyTries)
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={TWO_STEP_PATH} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          {children}
          <form noValidate onSubmit={onSubmit}>
            <PasswordInput
              id="password"
              label="Enter your password to confirm"
              error={form.errors.password}
              autoComplete="current-password"
              {...form.bind('password')}
            />
            <Button busy={form.submitting} variant={warning ? 'warning' : undefined}>
              {button}
            </Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
