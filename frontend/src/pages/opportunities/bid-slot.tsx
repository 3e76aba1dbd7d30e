// The place on an opportunity's page for its response form and "Start a bid".
// The section itself lives with the other bid pages; this file is the only
// thing the opportunity page needs to know about it.
import { BidSection, type BidOpportunity } from '../bids/bid-section/bid-section'

/** BidSlot is where an opportunity's page shows what a bid must include and offers to start one. */
export function BidSlot({ opportunity }: { opportunity: BidOpportunity }) {
  if (opportunity.status === 'planned' || opportunity.status === 'draft') return null
  return <BidSection o={opportunity} />
}
