import { Route, Routes } from 'react-router'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { OpportunityPage } from './opportunity-page/opportunity-page'
import { OpportunitySearch } from './opportunity-search/opportunity-search'
import { Pipeline } from './pipeline/pipeline'

/** OpportunitiesRoutes lays out the public pages under /opportunities; none needs signing in. */
export function OpportunitiesRoutes() {
  return (
    <Routes>
      <Route index element={<OpportunitySearch />} />
      <Route path="pipeline" element={<Pipeline />} />
      <Route path=":id" element={<OpportunityPage />} />
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}
