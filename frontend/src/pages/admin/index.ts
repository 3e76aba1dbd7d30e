// The admins' pages about accounts, loaded together as one chunk.
export { Accounts } from './accounts/accounts'
export { Account } from './account/account'
export { Deactivate } from './deactivate/deactivate'
export { Reactivate } from './reactivate/reactivate'
export { ChangeRole } from './change-role/change-role'
export { EndSessions } from './end-sessions/end-sessions'
