// Every route of the portal in one place. The start page is in the first
// bundle; other areas load on first use, each as one chunk, to keep the first
// page small.
import { lazy, Suspense, type ComponentType } from 'react'
import { Navigate, Route, Routes, useLocation } from 'react-router'
import { PageLayout } from '../components/page-layout/page-layout'
import { PageNotFound } from '../pages/errors/page-not-found/page-not-found'
import { Start } from '../pages/static/start/start'
import { ErrorBoundary } from './error-boundary'

type Area = Record<string, unknown>

// page picks one page out of an area's chunk.
function page<M extends Area>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

const staticArea = () => import('../pages/static')
const registerArea = () => import('../pages/register')
const accountArea = () => import('../pages/account')

const AccessibilityStatement = page(staticArea, 'AccessibilityStatement')
const PrivacyNotice = page(staticArea, 'PrivacyNotice')
const Cookies = page(staticArea, 'Cookies')
const Glossary = page(staticArea, 'Glossary')

const RegistrationLayout = page(registerArea, 'RegistrationLayout')
const OrganisationName = page(registerArea, 'OrganisationName')
const LegalForm = page(registerArea, 'LegalForm')
const YourName = page(registerArea, 'YourName')
const Email = page(registerArea, 'Email')
const Password = page(registerArea, 'Password')
const CheckAnswers = page(registerArea, 'CheckAnswers')
const CheckYourEmail = page(registerArea, 'CheckYourEmail')

const SignIn = page(accountArea, 'SignIn')
const ForgotPassword = page(accountArea, 'ForgotPassword')
const ResetLinkSent = page(accountArea, 'ResetLinkSent')
const ResetPassword = page(accountArea, 'ResetPassword')
const VerifyEmail = page(accountArea, 'VerifyEmail')
const YourAccount = page(accountArea, 'YourAccount')
const SignOut = page(accountArea, 'SignOut')
const AcceptInvitation = page(accountArea, 'AcceptInvitation')

/** AppRoutes lays out every page of the portal inside the GOV.UK page template. */
export function AppRoutes() {
  const { pathname } = useLocation()
  return (
    <PageLayout>
      <ErrorBoundary resetKey={pathname}>
        <Suspense fallback={null}>
          <Routes>
            <Route path="/" element={<Start />} />
            <Route path="/accessibility" element={<AccessibilityStatement />} />
            <Route path="/privacy" element={<PrivacyNotice />} />
            <Route path="/cookies" element={<Cookies />} />
            <Route path="/glossary" element={<Glossary />} />

            <Route path="/register" element={<RegistrationLayout />}>
              <Route index element={<Navigate to="organisation-name" replace />} />
              <Route path="organisation-name" element={<OrganisationName />} />
              <Route path="legal-form" element={<LegalForm />} />
              <Route path="your-name" element={<YourName />} />
              <Route path="email" element={<Email />} />
              <Route path="password" element={<Password />} />
              <Route path="check-answers" element={<CheckAnswers />} />
              <Route path="check-your-email" element={<CheckYourEmail />} />
            </Route>

            <Route path="/verify-email" element={<VerifyEmail />} />
            <Route path="/sign-in" element={<SignIn />} />
            <Route path="/forgot-password" element={<ForgotPassword />} />
            <Route path="/forgot-password/check-your-email" element={<ResetLinkSent />} />
            <Route path="/reset-password" element={<ResetPassword />} />
            <Route path="/account" element={<YourAccount />} />
            <Route path="/sign-out" element={<SignOut />} />
            <Route path="/accept-invitation" element={<AcceptInvitation />} />
            <Route path="*" element={<PageNotFound />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </PageLayout>
  )
}
