import { api, call, type BankChange, type BankDetails } from '../../api/client'
import { useOrganisationId } from '../../app/require-role'
import { NOTHING_MISSING, useLoad, type Load } from '../../lib/use-load'

/** useBankDetails loads the organisation's bank details and the changes on their way. */
export function useBankDetails(): Load<BankDetails> {
  const org = useOrganisationId()
  return useLoad(() => call(api.GET('/api/v1/supplier/bank-details', { params: { query: { organisationId: org } } })), [org], NOTHING_MISSING).load
}

/** What the bank details pages say when the server refuses them, for LoadGate. */
export const bankRefusal = {
  refusedTitle: 'You cannot see these bank details',
  refusedDetail: 'You need to be a member of an organisation to see its bank details.',
}

/** What the bank details pages may be told through navigation state. */
export interface BankNotice {
  notice?: string
}

/** canStop reports whether a change can still be stopped with "this wasn't us". */
export function canStop(c: BankChange): boolean {
  return c.status === 'pending' || c.status === 'cooling_off'
}
