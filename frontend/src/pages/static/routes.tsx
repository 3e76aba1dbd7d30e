// The information pages linked from the footer, and the start page.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Start } from './start/start'
import { Route } from 'react-router'

const { AccessibilityStatement, PrivacyNotice, Cookies, Glossary } = lazyPages(() => import('./index'), [
  'AccessibilityStatement',
  'PrivacyNotice',
  'Cookies',
  'Glossary',
])

/** staticRoutes lists the routes of the area, for AppRoutes to compose. */
export function staticRoutes() {
  return (
    <>
      <Route path="/" element={<Start />} />
      <Route path="/accessibility" element={<AccessibilityStatement />} />
      <Route path="/privacy" element={<PrivacyNotice />} />
      <Route path="/cookies" element={<Cookies />} />
      <Route path="/glossary" element={<Glossary />} />
    </>
  )
}
