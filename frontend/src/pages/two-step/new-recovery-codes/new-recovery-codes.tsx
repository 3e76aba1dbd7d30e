import { useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { PasswordStep } from '../password-step'
import { TWO_STEP_PATH, type RecoveryCodesState } from '../two-step-state'

/** NewRecoveryCodes replaces the person's recovery codes, after their password. */
export function NewRecoveryCodes() {
  const navigate = useNavigate()
  return (
    <PasswordStep
      title="Get new recovery codes"
      button="Get new recovery codes"
      send={async (password) => {
        const { recoveryCodes } = await call(api.POST('/api/v1/me/two-step/recovery-codes', { body: { password } }))
        navigate(`${TWO_STEP_PATH}/recovery-codes`, {
          replace: true,
          state: { codes: recoveryCodes, next: TWO_STEP_PATH } satisfies RecoveryCodesState,
        })
      }}
    >
      <p className="govuk-body">You will get 10 new recovery codes. Your old codes will stop working.</p>
    </PasswordStep>
  )
}
