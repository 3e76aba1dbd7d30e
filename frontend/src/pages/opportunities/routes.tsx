import { Route, Routes } from 'react-router'
import { RequireRole } from '../../app/require-role'
import { Ask } from '../clarifications/ask/ask'
import { Sent } from '../clarifications/sent/sent'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { OpportunityPage } from './opportunity-page/opportunity-page'
import { OpportunitySearch } from './opportunity-search/opportunity-search'
import { Pipeline } from './pipeline/pipeline'

/** OpportunitiesRoutes lays out the public pages under /opportunities; only asking a question needs signing in. */
export function OpportunitiesRoutes() {
  return (
    <Routes>
      <Route index element={<OpportunitySearch />} />
      <Route path="pipeline" element={<Pipeline />} />
      <Route path=":id" element={<OpportunityPage />} />
      <Route path=":id/ask" element={<RequireRole roles={['supplier']}><Ask /></RequireRole>} />
      <Route path=":id/ask/sent" element={<RequireRole roles={['supplier']}><Sent /></RequireRole>} />
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}
