// The account pages, loaded together as one chunk.
export { SignIn } from './sign-in/sign-in'
export { ForgotPassword } from './forgot-password/forgot-password'
export { ResetLinkSent } from './reset-link-sent/reset-link-sent'
export { ResetPassword } from './reset-password/reset-password'
export { VerifyEmail } from './verify-email/verify-email'
export { YourAccount } from './your-account/your-account'
export { SignOut } from './sign-out/sign-out'
export { AcceptInvitation } from './accept-invitation/accept-invitation'
