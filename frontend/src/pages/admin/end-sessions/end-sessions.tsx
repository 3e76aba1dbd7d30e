import { AccountGate } from '../account-state'
import { ConfirmChange } from '../confirm-change'

/** EndSessions asks an admin to confirm signing a person out everywhere. */
export function EndSessions() {
  return (
    <AccountGate>
      {(a) => (
        <ConfirmChange
          account={a}
          change="end-sessions"
          title={`Sign ${a.name} out everywhere?`}
          warning="Anything they have not saved will be lost."
          button="Sign out everywhere"
          warningButton
        >
          <p className="govuk-body">
            {a.name} will be signed out on every device straight away. They can sign in again. Use this if a device may have been lost or
            someone else may know their password.
          </p>
        </ConfirmChange>
      )}
    </AccountGate>
  )
}
