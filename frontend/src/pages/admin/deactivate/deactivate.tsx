import { AccountGate } from '../account-state'
import { ConfirmChange } from '../confirm-change'

/** Deactivate asks an admin to confirm switching an account off. */
export function Deactivate() {
  return (
    <AccountGate>
      {(a) => (
        <ConfirmChange
          account={a}
          change="deactivate"
          title={`Are you sure you want to deactivate ${a.name}’s account?`}
          warning={`${a.name} will be signed out straight away and will not be able to sign in until the account is reactivated.`}
          button="Deactivate account"
          warningButton
        >
          <p className="govuk-body">If you deactivate the account:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>any links we have emailed to {a.email} will stop working</li>
            <li>we will not send them emails about signing in, alerts or opportunities</li>
            <li>everything they have already done stays, and you can reactivate the account later</li>
          </ul>
        </ConfirmChange>
      )}
    </AccountGate>
  )
}
