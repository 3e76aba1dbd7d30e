import { useCallback, useEffect, useState } from 'react'
import { api, call, type BankChange, type BankDetails } from '../../api/client'
import { isProblem } from '../../api/errors'
import { useOrganisationId } from '../../app/require-role'
import type { TagColour } from '../../components/tag/tag'

/** The state of loading the bank details. */
export type BankLoad = { kind: 'loading' } | { kind: 'down' } | { kind: 'refused'; detail: string } | { kind: 'ready'; details: BankDetails }

/** useBankDetails loads the organisation's bank details and the changes on their way. */
export function useBankDetails(): BankLoad {
  const org = useOrganisationId()
  const [load, setLoad] = useState<BankLoad>({ kind: 'loading' })
  const fetchIt = useCallback(async () => {
    try {
      const details = await call(api.GET('/api/v1/supplier/bank-details', { params: { query: { organisationId: org } } }))
      setLoad({ kind: 'ready', details })
    } catch (err) {
      if (isProblem(err)) setLoad({ kind: 'refused', detail: err.problem.detail ?? '' })
      else setLoad({ kind: 'down' })
    }
  }, [org])
  useEffect(() => {
    void fetchIt()
  }, [fetchIt])
  return load
}

/** What a change's status is called, and its tag's colour. */
export const statusTags: Record<BankChange['status'], { text: string; colour: TagColour }> = {
  pending: { text: 'Being checked', colour: 'blue' },
  frozen: { text: 'Stopped', colour: 'red' },
  cooling_off: { text: 'Approved: cooling off', colour: 'turquoise' },
  active: { text: 'In use', colour: 'green' },
  superseded: { text: 'Replaced', colour: 'grey' },
  rejected: { text: 'Refused', colour: 'orange' },
}

/** What the bank details pages may be told through navigation state. */
export interface BankNotice {
  notice?: string
}

/** canStop reports whether a change can still be stopped with "this wasn't us". */
export function canStop(c: BankChange): boolean {
  return c.status === 'pending' || c.status === 'cooling_off'
}
