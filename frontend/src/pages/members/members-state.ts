import { api, call, type Members } from '../../api/client'
import { useOrganisationId } from '../../app/require-role'
import { memberRoleLabels } from '../../lib/labels'
import { NOTHING_MISSING, useLoad, type Loaded } from '../../lib/use-load'

/** The members list, with the organisation it is for. */
export interface MembersData {
  members: Members
  organisationId: string
}

/** useMembers loads the organisation's members and invitations. */
export function useMembers(): Loaded<MembersData> {
  const org = useOrganisationId() ?? ''
  return useLoad(
    async () => ({
      members: await call(api.GET('/api/v1/supplier/members', { params: { query: org ? { organisationId: org } : {} } })),
      organisationId: org,
    }),
    [org],
    NOTHING_MISSING,
  )
}

/** What the members pages say when the server refuses them, for LoadGate. */
export const membersRefusal = {
  refusedTitle: 'You cannot see the members',
  refusedDetail: 'You need to be a member of an organisation to see its members.',
}

/** What the members list may be told through navigation state. */
export interface MembersNotice {
  notice?: string
}

/** The roles, with what each may do. */
export const roleItems = [
  {
    value: 'owner',
    label: memberRoleLabels.owner,
    hint: 'Can invite and remove people and change their roles. Owners are emailed about any change to your bank details and can stop it.',
  },
  { value: 'member', label: memberRoleLabels.member, hint: 'Can update your profile, bid for work and ask to change your bank details.' },
]

/** roleName is what a role is called on screen. */
export function roleName(role: string): string {
  return role === 'owner' ? memberRoleLabels.owner : memberRoleLabels.member
}
