// Loading what the DPS pages show (through lib/use-load and lib/load-gate),
// and the addresses of the DPS pages.
import { api, call, callWithResponse } from '../../api/client'
import type { Application, Dps } from './types'

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
