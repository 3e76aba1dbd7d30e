import type { FormEvent } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { useSession } from '../../../app/session'
import { Button } from '../../../components/button/button'
import { Details } from '../../../components/details/details'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { useForm } from '../../../forms/use-form'
import type { SignInState } from '../../account/sign-in/sign-in'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { CodeInput } from '../code-input'
import { codeError, halfSignInProblem, nextOf, normaliseCode } from '../two-step-state'

/** EnterCode is the second step of signing in: the code from the person's authenticator app. */
export function EnterCode() {
  const session = useSession()
  const navigate = useNavigate()
  const state = (useLocation().state ?? {}) as SignInState
  const form = useForm({ code: '' })
  const title = 'Enter the 6-digit code from your authenticator app'

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const code = normaliseCode(form.values.code)
    const error = codeError(code)
    if (error) return form.fail([{ field: 'code', text: error }])
    const ok = await form.submit(async () => {
      const { user } = await call(api.POST('/api/v1/auth/two-step', { body: { code } }))
      session.signedIn(user)
    }, halfSignInProblem(navigate, state))
    if (ok) navigate(nextOf(state), { replace: true })
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <form noValidate onSubmit={onSubmit}>
            <CodeInput
              label={title}
              isPageHeading
              hint="Open the app on your phone. The code changes every 30 seconds."
              error={form.errors.code}
              {...form.bind('code')}
            />
            <Button busy={form.submitting}>Continue</Button>
          </form>
          <p className="govuk-body">
            <Link className="govuk-link" to="/sign-in/recovery-code" state={state}>
              Use a recovery code instead
            </Link>
          </p>
          <Details summary="I have lost my phone">
            <p className="govuk-body">
              Use one of the recovery codes you saved when you set up two-step verification. If you have none left, ask a council
              administrator to reset your two-step verification.
            </p>
          </Details>
        </div>
      </div>
    </Page>
  )
}
