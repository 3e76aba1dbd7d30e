// The registration journey, one question a page.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Navigate, Route } from 'react-router'

const { RegistrationLayout, OrganisationName, LegalForm, YourName, Email, Password, CheckAnswers, CheckYourEmail } = lazyPages(() => import('./index'), [
  'RegistrationLayout',
  'OrganisationName',
  'LegalForm',
  'YourName',
  'Email',
  'Password',
  'CheckAnswers',
  'CheckYourEmail',
])

/** registerRoutes lists the routes of the area, for AppRoutes to compose. */
export function registerRoutes() {
  return (
    <>
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
    </>
  )
}
