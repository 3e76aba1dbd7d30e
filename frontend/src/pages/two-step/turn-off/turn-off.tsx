import { useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { PasswordStep } from '../password-step'
import { TWO_STEP_PATH, type TwoStepNotice } from '../two-step-state'

/** TurnOff turns two-step verification off, after the person's password. */
export function TurnOff() {
  const navigate = useNavigate()
  return (
    <PasswordStep
      title="Turn off two-step verification"
      button="Turn off two-step verification"
      warning
      send={async (password) => {
        await call(api.POST('/api/v1/me/two-step/turn-off', { body: { password } }))
        navigate(TWO_STEP_PATH, { replace: true, state: { notice: 'Two-step verification is turned off' } satisfies TwoStepNotice })
      }}
    >
      <p className="govuk-body">
        You will sign in with your password only. Your recovery codes will stop working. You can turn it on again at any time.
      </p>
    </PasswordStep>
  )
}
