import type { ReactNode } from 'react'
import type { BankDetails } from '../../api/client'
import { Page } from '../../components/page/page'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import type { BankLoad } from './bank-state'

/** BankGate shows loading, refusal or the service problem, or its children once the details have loaded. */
export function BankGate({ load, children }: { load: BankLoad; children: (d: BankDetails) => ReactNode }) {
  switch (load.kind) {
    case 'loading':
      return (
        <Page title="Loading">
          <h1 className="govuk-heading-l">Loading</h1>
          <p className="govuk-body" role="status">
            Please wait.
          </p>
        </Page>
      )
    case 'down':
      return <ServiceProblem />
    case 'refused':
      return (
        <Page title="You cannot see these bank details">
          <h1 className="govuk-heading-l">You cannot see these bank details</h1>
          <p className="govuk-body">{load.detail || 'You need to be a member of an organisation to see its bank details.'}</p>
        </Page>
      )
    case 'ready':
      return <>{children(load.details)}</>
  }
}
