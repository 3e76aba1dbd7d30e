import { api, call } from '../../../api/client'
import { AlertForm } from '../alert-form'

/** NewAlert creates an alert. */
export function NewAlert() {
  return (
    <AlertForm
      title="Create an alert"
      submitLabel="Create alert"
      save={(body) => call(api.POST('/api/v1/alerts', { body }))}
      notice={(a) => `Alert ‘${a.name}’ created. We will tell you about opportunities that match it.`}
    />
  )
}
