// The account settings pages, loaded together as one chunk.
export { AccountSettings } from './account-settings/account-settings'
export { ChangeName } from './change-name/change-name'
export { ChangeEmail } from './change-email/change-email'
export { ConfirmEmail } from './confirm-email/confirm-email'
export { ChangePassword } from './change-password/change-password'
export { Sessions } from './sessions/sessions'
export { AccountDeleted, DeleteAccount } from './delete-account/delete-account'
