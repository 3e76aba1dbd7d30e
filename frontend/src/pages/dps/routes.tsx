import { Route, Routes } from 'react-router'
import { PageNotFound } from '../errors/page-not-found/page-not-found'

function NotYet() {
  return (
    <Routes>
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}

/** DpsRoutes lays out the pages under /dps. */
export const DpsRoutes = NotYet
/** DpsApplicationRoutes lays out the pages under /dps-applications. */
export const DpsApplicationRoutes = NotYet
