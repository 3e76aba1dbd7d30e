// Signing in and out, passwords, confirming an email address and accepting an invitation.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Route } from 'react-router'

const { SignIn, ForgotPassword, ResetLinkSent, ResetPassword, VerifyEmail, YourAccount, SignOut, AcceptInvitation } = lazyPages(() => import('./index'), [
  'SignIn',
  'ForgotPassword',
  'ResetLinkSent',
  'ResetPassword',
  'VerifyEmail',
  'YourAccount',
  'SignOut',
  'AcceptInvitation',
])

/** accountRoutes lists the routes of the area, for AppRoutes to compose. */
export function accountRoutes() {
  return (
    <>
      <Route path="/verify-email" element={<VerifyEmail />} />
      <Route path="/sign-in" element={<SignIn />} />
      <Route path="/forgot-password" element={<ForgotPassword />} />
      <Route path="/forgot-password/check-your-email" element={<ResetLinkSent />} />
      <Route path="/reset-password" element={<ResetPassword />} />
      <Route path="/account" element={<YourAccount />} />
      <Route path="/sign-out" element={<SignOut />} />
      <Route path="/accept-invitation" element={<AcceptInvitation />} />
    </>
  )
}
