import { useCallback, useEffect, useState } from 'react'
import { api, call, type Members } from '../../api/client'
import { isProblem } from '../../api/errors'
import { useOrganisationId } from '../../app/require-role'

/** The state of loading the members list. */
export type MembersLoad =
  | { kind: 'loading' }
  | { kind: 'down' }
  | { kind: 'refused'; detail: string }
  | { kind: 'ready'; members: Members; organisationId: string }

/** useMembers loads the organisation's members and invitations. */
export function useMembers(): { load: MembersLoad; reload: () => Promise<void> } {
  const org = useOrganisationId() ?? ''
  const [load, setLoad] = useState<MembersLoad>({ kind: 'loading' })
  const reload = useCallback(async () => {
    try {
      const members = await call(api.GET('/api/v1/supplier/members', { params: { query: org ? { organisationId: org } : {} } }))
      setLoad({ kind: 'ready', members, organisationId: org })
    } catch (err) {
      if (isProblem(err)) setLoad({ kind: 'refused', detail: err.problem.detail ?? '' })
      else setLoad({ kind: 'down' })
    }
  }, [org])
  useEffect(() => {
    void reload()
  }, [reload])
  return { load, reload }
}

/** What the members list may be told through navigation state. */
export interface MembersNotice {
  notice?: string
}

/** The roles, with what each may do. */
export const roleItems = [
  {
    value: 'owner',
    label: 'Owner',
    hint: 'Can invite and remove people and change their roles. Owners are emailed about any change to your bank details and can stop it.',
  },
  { value: 'member', label: 'Member', hint: 'Can update your profile, bid for work and ask to change your bank details.' },
]

/** roleName is what a role is called on screen. */
export function roleName(role: string): string {
  return role === 'owner' ? 'Owner' : 'Member'
}
