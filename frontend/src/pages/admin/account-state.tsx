// Loading one account for the admins' pages about it.
import { useEffect, useState, type ReactNode } from 'react'
import { useParams } from 'react-router'
import { api, call, type Account } from '../../api/client'
import { isProblem } from '../../api/errors'
import { Page } from '../../components/page/page'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../errors/service-problem/service-problem'

type Load = { kind: 'loading' } | { kind: 'down' } | { kind: 'missing' } | { kind: 'ready'; account: Account }

/**
 * AccountGate loads the account named in the address and shows loading, not
 * found or the service problem, or its children once it has loaded.
 */
export function AccountGate({ children }: { children: (account: Account) => ReactNode }) {
  const { id = '' } = useParams()
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  useEffect(() => {
    let live = true
    setLoad({ kind: 'loading' })
    call(api.GET('/api/v1/admin/accounts/{id}', { params: { path: { id } } }))
      .then((account) => live && setLoad({ kind: 'ready', account }))
      .catch((err: unknown) => live && setLoad(isProblem(err) ? { kind: 'missing' } : { kind: 'down' }))
    return () => {
      live = false
    }
  }, [id])
  switch (load.kind) {
    case 'loading':
      return (
        <Page title="Loading account">
          <h1 className="govuk-heading-l">Loading account</h1>
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
      return <>{children(load.account)}</>
  }
}
