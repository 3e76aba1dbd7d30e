// Loading what the DPS pages show, and what they show while it loads or when
// it cannot be loaded.
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { api, call, callWithResponse } from '../../api/client'
import { isProblem } from '../../api/errors'
import { Page } from '../../components/page/page'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import type { Application, Dps } from './types'

/** The state of loading something for a page. */
export type Load<T> = { kind: 'loading' } | { kind: 'down' } | { kind: 'missing' } | { kind: 'refused'; detail: string } | { kind: 'ready'; data: T }

/** What useLoad gives a page: the state, and a way to take newer data (the answer to a change). */
export interface Loaded<T> {
  load: Load<T>
  set: (data: T) => void
}

/** useLoad runs fetcher when key changes; set replaces what was loaded. */
export function useLoad<T>(fetcher: () => Promise<T>, key: string): Loaded<T> {
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
  const set = useCallback((data: T) => setLoad({ kind: 'ready', data }), [])
  return { load, set }
}

/** A DPS with the ETag a save sends back as If-Match. */
export interface DpsWithTag {
  dps: Dps
  etag: string
}

/** fetchDps loads a DPS (a draft too, for buyers) with its ETag. */
export async function fetchDps(id: string): Promise<DpsWithTag> {
  const { data, response } = await callWithResponse(api.GET('/api/v1/dps/{id}', { params: { path: { id } } }))
  return { dps: data, etag: response.headers.get('ETag') ?? `"${data.version}"` }
}

/** fetchApplication loads an application. */
export function fetchApplication(id: string): Promise<Application> {
  return call(api.GET('/api/v1/dps-applications/{id}', { params: { path: { id } } }))
}

/** An application with the DPS it is for. */
export interface ApplicationWithDps {
  app: Application
  dps: Dps
}

/** fetchApplicationWithDps loads an application and then its DPS (for its categories and rules). */
export async function fetchApplicationWithDps(id: string): Promise<ApplicationWithDps> {
  const app = await fetchApplication(id)
  const { dps } = await fetchDps(app.dpsId)
  return { app, dps }
}

/** What a page may be told through navigation state: a banner to show. */
export interface Notice {
  notice?: string
}

/** Loading is the page shown while something loads. */
export function Loading() {
  return (
    <Page title="Loading">
      <h1 className="govuk-heading-l">Loading</h1>
      <p className="govuk-body" role="status">
        Please wait.
      </p>
    </Page>
  )
}

/** LoadGate shows loading, not found, refusal or the service problem, or its children once loaded. */
export function LoadGate<T>({
  load,
  refusedTitle = 'You cannot see this page',
  children,
}: {
  load: Load<T>
  refusedTitle?: string
  children: (data: T) => ReactNode
}) {
  switch (load.kind) {
    case 'loading':
      return <Loading />
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
              <p className="govuk-body">{load.detail || 'This page is for a different kind of account from yours.'}</p>
            </div>
          </div>
        </Page>
      )
    case 'ready':
      return <>{children(load.data)}</>
  }
}

/** dpsPath is the address of a DPS's page, or one of its buyer pages. */
export function dpsPath(id: string, page?: 'apply' | 'edit' | 'publish'): string {
  const base = `/dps/${encodeURIComponent(id)}`
  return page ? `${base}/${page}` : base
}

/** appPath is the address of an application's page, or one of the pages under it. */
export function appPath(id: string, page?: string): string {
  const base = `/dps-applications/${encodeURIComponent(id)}`
  return page ? `${base}/${page}` : base
}
