// The place on an opportunity's page for the "Register interest" control. The
// control itself lives with the other alert and inbox pages; this file is the
// only thing the opportunity page needs to know about it.
import { RegisterInterest } from '../notifications/register-interest/register-interest'

/**
 * RegisterInterestSlot is where an opportunity's page offers to register
 * interest: hearing of changes and being reminded of the deadline.
 */
export function RegisterInterestSlot({ opportunityId }: { opportunityId: string }) {
  return <RegisterInterest opportunityId={opportunityId} />
}
