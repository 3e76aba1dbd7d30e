// Loading the person's alerts, and what the alert pages show while they load
// or when they cannot.
import { useEffect, useState, type ReactNode } from 'react'
import { api, call } from '../../api/client'
import { isProblem } from '../../api/errors'
import { Page } from '../../components/page/page'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import type { Alert } from './types'

/** The state of loading something for an alert page. */
export type Load<T> = { kind: 'loading' } | { kind: 'down' } | { kind: 'missing' } | { kind: 'refused'; detail: string } | { kind: 'ready'; data: T }

function useLoad<T>(fetcher: () => Promise<T>, key: string): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' })
  useEffect(() => {
    let live = true
    setLoad({ kind: 'loading' })
    fetcher()
      .then((data) => live && setLoad({ kind: 'ready', data }))
      .catch((err: unknown) => {
        if (!live) return
        if (isProblem(err, 404)) setLoad({ kind: 'missing' })
        else if (isProblem(err)) setLoad({ kind: 'refused', detail: err.problem.detail ?? '' })
        else setLoad({ kind: 'down' })
      })
    return () => {
      live = false
    }
    // The key names what is loaded; the fetcher is a new closure on every render.
  }, [key])
  return load
}

/** useAlerts loads the person's alerts (the first time, the server makes one from the profile). */
export function useAlerts(): Load<Alert[]> {
  return useLoad(async () => (await call(api.GET('/api/v1/alerts'))).items, 'alerts')
}

/** useAlert loads one of the person's alerts. */
export function useAlert(id: string): Load<Alert> {
  return useLoad(() => call(api.GET('/api/v1/alerts/{id}', { params: { path: { id } } })), id)
}

/** What the alert list may be told through navigation state. */
export interface AlertNotice {
  notice?: string
}

/** LoadGate shows loading, not found, refusal or the service problem, or its children once loaded. */
export function LoadGate<T>({
  load,
  refusedTitle = 'You cannot use alerts',
  children,
}: {
  load: Load<T>
  refusedTitle?: string
  children: (data: T) => ReactNode
}) {
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
    case 'refused':
      return (
        <Page title={refusedTitle}>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <h1 className="govuk-heading-l">{refusedTitle}</h1>
              <p className="govuk-body">{load.detail || 'This page is for people who belong to a supplier organisation.'}</p>
            </div>
          </div>
        </Page>
      )
    case 'ready':
      return <>{children(load.data)}</>
  }
}
