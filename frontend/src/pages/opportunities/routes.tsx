import { Route, Routes } from 'react-router'
import { PageNotFound } from '../errors/page-not-found/page-not-found'

/** OpportunitiesRoutes lays out the pages under /opportunities. */
export function OpportunitiesRoutes() {
  return (
    <Routes>
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}
