// What the admins' pages offer about accounts (the names of roles and statuses are in lib/labels).
import type { Account } from '../../api/client'
import { accountRoleLabels, accountStatusLabels } from '../../lib/labels'

/** An account's role. */
export type AccountRole = Account['role']

/** staffRoleItems are the roles an admin may give a council officer, with what each may do. */
export const staffRoleItems: { value: AccountRole; label: string; hint: string }[] = [
  { value: 'buyer', label: accountRoleLabels.buyer, hint: 'Creates and publishes opportunities, runs dynamic purchasing systems and checks bank details changes.' },
  { value: 'evaluator', label: accountRoleLabels.evaluator, hint: 'Looks at suppliers and scores bids.' },
  { value: 'case_officer', label: accountRoleLabels.case_officer, hint: 'Looks at suppliers and handles reports of late payment.' },
  { value: 'admin', label: accountRoleLabels.admin, hint: 'Does everything a buyer does, and manages everyone’s accounts.' },
]

/** statusLabel says whether an account can be used. */
export function statusLabel(status: Account['status']): string {
  return accountStatusLabels[status]
}

/** AccountNotice is what the account page may be told through navigation state after a change. */
export interface AccountNotice {
  notice?: string
}
