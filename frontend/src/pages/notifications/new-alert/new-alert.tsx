import { api, call } from '../../../api/client'
import { useOrganisationId } from '../../../app/require-role'
import { AlertForm } from '../alert-form'

/** NewAlert creates an alert. */
export function NewAlert() {
  const organisationId = useOrganisationId()
  return (
    <AlertForm
      title="Create an alert"
      submitLabel="Create alert"
      save={(body) => call(api.POST('/api/v1/alerts', { params: { query: { organisationId } }, body }))}
      notice={(a) => `Alert ‘${a.name}’ created. We will tell you about opportunities that match it.`}
    />
  )
}
