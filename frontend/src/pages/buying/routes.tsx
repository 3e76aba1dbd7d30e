import { Route, Routes } from 'react-router'
import { PageNotFound } from '../errors/page-not-found/page-not-found'

/** BuyingRoutes lays out the pages under /buying. */
export function BuyingRoutes() {
  return (
    <Routes>
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}
