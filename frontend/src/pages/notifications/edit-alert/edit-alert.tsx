import { useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { AlertForm } from '../alert-form'
import { LoadGate } from '../../../lib/load-gate'
import { alertRefusal, useAlert } from '../alert-state'

/** EditAlert changes one of the person's alerts. */
export function EditAlert() {
  const { id = '' } = useParams()
  const load = useAlert(id)
  return (
    <LoadGate load={load} {...alertRefusal}>
      {(alert) => (
        <AlertForm
          title="Change your alert"
          alert={alert}
          submitLabel="Save changes"
          save={(body) => call(api.PUT('/api/v1/alerts/{id}', { params: { path: { id: alert.id } }, body }))}
          notice={(a) => `Alert ‘${a.name}’ saved`}
        />
      )}
    </LoadGate>
  )
}
