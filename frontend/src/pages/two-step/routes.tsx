// Two-step verification: at sign-in, in a person's account, and the admins' policy.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Only, ALL_ROLES } from '../../app/require-role'
import { Route } from 'react-router'

const { EnterCode, RecoveryCode, SetUpAtSignIn, SetUpTwoStep, RecoveryCodes, TwoStepVerification, TurnOff, NewRecoveryCodes, Policy, Reset } = lazyPages(() => import('./index'), [
  'EnterCode',
  'RecoveryCode',
  'SetUpAtSignIn',
  'SetUpTwoStep',
  'RecoveryCodes',
  'TwoStepVerification',
  'TurnOff',
  'NewRecoveryCodes',
  'Policy',
  'Reset',
])

/** twoStepRoutes lists the routes of the area, for AppRoutes to compose. */
export function twoStepRoutes() {
  return (
    <>
      <Route path="/sign-in/two-step" element={<EnterCode />} />
      <Route path="/sign-in/recovery-code" element={<RecoveryCode />} />
      <Route path="/sign-in/set-up-two-step" element={<SetUpAtSignIn />} />
      <Route path="/account/two-step-verification/recovery-codes" element={<RecoveryCodes />} />
      <Route element={<Only roles={ALL_ROLES} />}>
        <Route path="/account/two-step-verification" element={<TwoStepVerification />} />
        <Route path="/account/two-step-verification/set-up" element={<SetUpTwoStep />} />
        <Route path="/account/two-step-verification/turn-off" element={<TurnOff />} />
        <Route path="/account/two-step-verification/new-recovery-codes" element={<NewRecoveryCodes />} />
      </Route>
      <Route element={<Only roles={['admin']} />}>
        <Route path="/admin/two-step-verification" element={<Policy />} />
        <Route path="/admin/two-step-verification/reset" element={<Reset />} />
      </Route>
    </>
  )
}
