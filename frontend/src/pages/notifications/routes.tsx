import { Route, Routes } from 'react-router'
import { PageNotFound } from '../errors/page-not-found/page-not-found'

function NotYet() {
  return (
    <Routes>
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}

/** AlertsRoutes lays out the pages under /alerts. */
export const AlertsRoutes = NotYet
/** InboxRoutes lays out the pages under /inbox. */
export const InboxRoutes = NotYet
/** UnsubscribeRoutes lays out the pages under /unsubscribe. */
export const UnsubscribeRoutes = NotYet
