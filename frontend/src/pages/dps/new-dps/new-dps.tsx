import { api, call } from '../../../api/client'
import { DpsForm } from '../dps-form'
import { dpsPath } from '../dps-state'

/** NewDps sets up a draft DPS, then goes to check and publish it. */
export function NewDps() {
  return (
    <DpsForm
      title="Set up a supplier list"
      submitLabel="Save and continue"
      back="/dps"
      save={async (body) => {
        const made = await call(api.POST('/api/v1/dps', { body }))
        return { to: dpsPath(made.id, 'publish') }
      }}
    />
  )
}
