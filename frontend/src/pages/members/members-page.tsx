// What the members pages show while the list loads or when it cannot.
import type { ReactNode } from 'react'
import { Page } from '../../components/page/page'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import type { MembersLoad } from './members-state'

/** MembersGate shows loading, refusal or the service problem, or its children once the list has loaded. */
export function MembersGate({ load, children }: { load: MembersLoad; children: (l: Extract<MembersLoad, { kind: 'ready' }>) => ReactNode }) {
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
        <Page title="You cannot see the members">
          <h1 className="govuk-heading-l">You cannot see the members</h1>
          <p className="govuk-body">{load.detail || 'You need to be a member of an organisation to see its members.'}</p>
        </Page>
      )
    case 'ready':
      return <>{children(load)}</>
  }
}
