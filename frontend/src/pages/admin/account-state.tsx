// Loading one account for the admins' pages about it.
import type { ReactNode } from 'react'
import { useParams } from 'react-router'
import { api, call, type Account } from '../../api/client'
import { LoadGate } from '../../lib/load-gate'
import { useLoad } from '../../lib/use-load'

/**
 * AccountGate loads the account named in the address and shows loading, not
 * found or the service problem, or its children once it has loaded. Any
 * refusal counts as not found: admins may see every account.
 */
export function AccountGate({ children }: { children: (account: Account) => ReactNode }) {
  const { id = '' } = useParams()
  const { load } = useLoad(() => call(api.GET('/api/v1/admin/accounts/{id}', { params: { path: { id } } })), [id], { missing: 'any' })
  return (
    <LoadGate load={load} loadingTitle="Loading account">
      {children}
    </LoadGate>
  )
}
