import { AccountGate } from '../account-state'
import { ConfirmChange } from '../confirm-change'

/** Reactivate asks an admin to confirm switching an account back on. */
export function Reactivate() {
  return (
    <AccountGate>
      {(a) => (
        <ConfirmChange account={a} change="reactivate" title={`Reactivate ${a.name}’s account?`} button="Reactivate account">
          <p className="govuk-body">
            {a.name} will be able to sign in again with their password. If they have forgotten it, they can reset it from the sign-in page.
          </p>
        </ConfirmChange>
      )}
    </AccountGate>
  )
}
