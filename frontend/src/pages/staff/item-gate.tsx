import type { ReactNode } from 'react'
import type { BankQueueItem } from '../../api/client'
import { Page } from '../../components/page/page'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import type { ItemLoad } from './bank-queue'

/** ItemGate shows loading, not found or the service problem, or its children once the change has loaded. */
export function ItemGate({ load, children }: { load: ItemLoad; children: (item: BankQueueItem) => ReactNode }) {
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
    case 'missing':
      return <PageNotFound />
    case 'ready':
      return <>{children(load.item)}</>
  }
}
