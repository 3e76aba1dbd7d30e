// The portal's router: it composes each area's routes (src/pages/<area>/routes.tsx).
// The start page is in the first bundle; other areas load on first use, each as
// one chunk, to keep the first page small. scripts/route-manifest.mjs reads the
// routes from here for the server's list of page addresses.
import { Suspense } from 'react'
import { Route, Routes, useLocation } from 'react-router'
import { PageLayout } from '../components/page-layout/page-layout'
import { accountRoutes } from '../pages/account/routes'
import { adminRoutes } from '../pages/admin/routes'
import { bankRoutes } from '../pages/bank/routes'
import { PageNotFound } from '../pages/errors/page-not-found/page-not-found'
import { insuranceRoutes } from '../pages/insurance/routes'
import { membersRoutes } from '../pages/members/routes'
import { profileRoutes } from '../pages/profile/routes'
import { registerRoutes } from '../pages/register/routes'
import { staffRoutes } from '../pages/staff/routes'
import { staticRoutes } from '../pages/static/routes'
import { twoStepRoutes } from '../pages/two-step/routes'
import { settingsRoutes } from '../pages/account/settings/routes'
import { ErrorBoundary } from './error-boundary'
import { lazyPage } from './lazy-page'
import { BUYER_ROLES, Only } from './require-role'

const opportunitiesArea = () => import('../pages/opportunities')
const buyingArea = () => import('../pages/buying')
const notificationsArea = () => import('../pages/notifications')
const dpsArea = () => import('../pages/dps')
const clarificationsArea = () => import('../pages/clarifications')
const bidsArea = () => import('../pages/bids')

// Areas with many pages under one address route inside their own chunk.
const OpportunitiesRoutes = lazyPage(opportunitiesArea, 'OpportunitiesRoutes')
const BuyingRoutes = lazyPage(buyingArea, 'BuyingRoutes')
const AlertsRoutes = lazyPage(notificationsArea, 'AlertsRoutes')
const InboxRoutes = lazyPage(notificationsArea, 'InboxRoutes')
const UnsubscribeRoutes = lazyPage(notificationsArea, 'UnsubscribeRoutes')
const DpsRoutes = lazyPage(dpsArea, 'DpsRoutes')
const DpsApplicationRoutes = lazyPage(dpsArea, 'DpsApplicationRoutes')
const SupplierQuestionsRoutes = lazyPage(clarificationsArea, 'SupplierQuestionsRoutes')
const BidsRoutes = lazyPage(bidsArea, 'BidsRoutes')
const SupplierBidsRoutes = lazyPage(bidsArea, 'SupplierBidsRoutes')

/** AppRoutes lays out every page of the portal inside the GOV.UK page template. */
export function AppRoutes() {
  const { pathname } = useLocation()
  return (
    <PageLayout>
      <ErrorBoundary resetKey={pathname}>
        {/* While an area's chunk loads, its page's place is held, so the footer does not show and then drop away. */}
        <Suspense fallback={<div className="app-loading-reserve" />}>
          <Routes>
            {staticRoutes()}
            {registerRoutes()}
            {accountRoutes()}
            {twoStepRoutes()}
            {settingsRoutes()}
            {profileRoutes()}
            {membersRoutes()}
            {bankRoutes()}
            {insuranceRoutes()}
            {staffRoutes()}
            {adminRoutes()}
            <Route path="/opportunities/*" element={<OpportunitiesRoutes />} />
            <Route path="/unsubscribe/*" element={<UnsubscribeRoutes />} />
            <Route path="/dps/*" element={<DpsRoutes />} />
            <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />
            <Route path="/bids/*" element={<BidsRoutes />} />
            <Route element={<Only roles={['supplier']} />}>
              <Route path="/alerts/*" element={<AlertsRoutes />} />
              <Route path="/inbox/*" element={<InboxRoutes />} />
              <Route path="/supplier/questions/*" element={<SupplierQuestionsRoutes />} />
              <Route path="/supplier/bids/*" element={<SupplierBidsRoutes />} />
            </Route>
            <Route element={<Only roles={BUYER_ROLES} />}>
              <Route path="/buying/*" element={<BuyingRoutes />} />
            </Route>
            <Route path="*" element={<PageNotFound />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </PageLayout>
  )
}
