// The bid pages. A supplier's bid lives under /bids/:bidId (its task list,
// each question, checking, the receipt); "Your bids" under /supplier/bids; the
// opening panel's page under /bids/opening/:opportunityId. "Start a bid" is
// on the opportunity's page (see opportunities/bid-slot.tsx).
import { Route, Routes } from 'react-router'
import { OFFICER_ROLES, RequireRole } from '../../app/require-role'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { BidLayout } from './bid-state'
import { CheckAnswers } from './check/check'
import { BidLots } from './lots/lots'
import { Opening } from './opening/opening'
import { BidQuestion } from './question/question'
import { Receipt } from './receipt/receipt'
import { Submitted } from './submitted/submitted'
import { BidTasks } from './tasks/tasks'
import { Withdraw } from './withdraw/withdraw'
import { YourBids } from './your-bids/your-bids'

/** BidsRoutes lays out the pages under /bids. */
export function BidsRoutes() {
  return (
    <Routes>
      <Route path="opening/:opportunityId" element={<RequireRole roles={OFFICER_ROLES}><Opening /></RequireRole>} />
      <Route path=":bidId" element={<RequireRole roles={['supplier']}><BidLayout /></RequireRole>}>
        <Route index element={<BidTasks />} />
        <Route path="lots" element={<BidLots />} />
        <Route path="questions/:questionId" element={<BidQuestion />} />
        <Route path="check" element={<CheckAnswers />} />
        <Route path="submitted" element={<Submitted />} />
        <Route path="receipt" element={<Receipt />} />
        <Route path="withdraw" element={<Withdraw />} />
      </Route>
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}

/** SupplierBidsRoutes lays out the pages under /supplier/bids. */
export function SupplierBidsRoutes() {
  return (
    <Routes>
      <Route index element={<YourBids />} />
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}
