// What account roles and statuses are called on the admins' pages.
import type { Account } from '../../api/client'

/** An account's role. */
export type AccountRole = Account['role']

/** roleLabels names each role in plain English. */
export const roleLabels: Record<AccountRole, string> = {
  supplier: 'Supplier',
  buyer: 'Buyer',
  evaluator: 'Evaluator',
  case_officer: 'Case officer',
  admin: 'Admin',
}

/** staffRoleItems are the roles an admin may give a council officer, with what each may do. */
export const staffRoleItems: { value: AccountRole; label: string; hint: string }[] = [
  { value: 'buyer', label: 'Buyer', hint: 'Creates and publishes opportunities, runs dynamic purchasing systems and checks bank details changes.' },
  { value: 'evaluator', label: 'Evaluator', hint: 'Looks at suppliers and scores bids.' },
  { value: 'case_officer', label: 'Case officer', hint: 'Looks at suppliers and handles reports of late payment.' },
  { value: 'admin', label: 'Admin', hint: 'Does everything a buyer does, and manages everyone’s accounts.' },
]

/** statusLabel says whether an account can be used. */
export function statusLabel(status: Account['status']): string {
  return status === 'active' ? 'Active' : 'Deactivated'
}

/** AccountNotice is what the account page may be told through navigation state after a change. */
export interface AccountNotice {
  notice?: string
}
