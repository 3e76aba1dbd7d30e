// The organisation members pages, loaded together as one chunk.
export { MembersList } from './members-list/members-list'
export { Invite } from './invite/invite'
export { ChangeRole } from './change-role/change-role'
export { RemoveMember } from './remove-member/remove-member'
export { Leave } from './leave/leave'
export { JoinOrganisation } from './join-organisation/join-organisation'
