import type { FormEvent } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { useSession } from '../../../app/session'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { TextInput } from '../../../components/text-input/text-input'
import { required, useForm } from '../../../forms/use-form'
import type { SignInState } from '../../account/sign-in/sign-in'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { halfSignInProblem, TWO_STEP_PATH, type TwoStepNotice } from '../two-step-state'

/** leftMessage says how many recovery codes are left, and what to do when few are. */
export function leftMessage(left: number): string {
  if (left === 0) return 'You signed in with your last recovery code. Get new recovery codes now.'
  const codes = left === 1 ? '1 recovery code' : `${left} recovery codes`
  return `You signed in with a recovery code. You have ${codes} left.${left <= 3 ? ' Get new ones soon.' : ''}`
}

/** RecoveryCode is the second step of signing in for someone without their phone. */
export function RecoveryCode() {
  const session = useSession()
  const navigate = useNavigate()
  const state = (useLocation().state ?? {}) as SignInState
  const form = useForm({ recoveryCode: '' })
  const title = 'Enter a recovery code'

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, { recoveryCode: 'Enter one of your recovery codes' })
    if (missing.length) return form.fail(missing)
    let left = 0
    const ok = await form.submit(async () => {
      const answer = await call(api.POST('/api/v1/auth/two-step', { body: { recoveryCode: form.values.recoveryCode.trim() } }))
      session.signedIn(answer.user)
      left = answer.recoveryCodesLeft ?? 0
    }, halfSignInProblem(navigate, state))
    if (ok) navigate(TWO_STEP_PATH, { replace: true, state: { notice: leftMessage(left) } satisfies TwoStepNotice })
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <form noValidate onSubmit={onSubmit}>
            <TextInput
              id="recoveryCode"
              label={title}
              isPageHeading
              labelSize="l"
              hint="You were given 10 recovery codes when you set up two-step verification. Each one works once. A code looks like abcde-23456."
              error={form.errors.recoveryCode}
              autoComplete="off"
              spellCheck={false}
              className="govuk-input--width-10"
              {...form.bind('recoveryCode')}
            />
            <Button busy={form.submitting}>Continue</Button>
          </form>
          <p className="govuk-body">
            <Link className="govuk-link" to="/sign-in/two-step" state={state}>
              Use a code from your authenticator app instead
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
