// Loading the person's alerts, and what the alert pages say when the server
// refuses them.
import { api, call } from '../../api/client'
import { useLoad, type Load, type Loaded } from '../../lib/use-load'
import type { Alert } from './types'

/** useAlerts loads the person's alerts (the first time, the server makes one from the profile). */
export function useAlerts(): Load<Alert[]> {
  return useAlertList().load
}

/** useAlertList loads the person's alerts, for a page that also changes them (pauses, resumes). */
export function useAlertList(): Loaded<Alert[]> {
  return useLoad(async () => (await call(api.GET('/api/v1/alerts'))).items, [])
}

/** setPaused pauses or resumes an alert and returns it as it now is. */
export function setPaused(id: string, paused: boolean): Promise<Alert> {
  const path = { params: { path: { id } } }
  return call(paused ? api.POST('/api/v1/alerts/{id}/pause', path) : api.POST('/api/v1/alerts/{id}/resume', path))
}

/** alertFromProfile makes the alert from the organisation's profile again. */
export function alertFromProfile(): Promise<Alert> {
  return call(api.POST('/api/v1/alerts/from-profile'))
}

/** useAlert loads one of the person's alerts. */
export function useAlert(id: string): Load<Alert> {
  return useLoad(() => call(api.GET('/api/v1/alerts/{id}', { params: { path: { id } } })), [id]).load
}

/** What the alert list may be told through navigation state. */
export interface AlertNotice {
  notice?: string
  /** The alert just saved: the list offers the work open now that it matches. */
  alertId?: string
}

/** What the alert pages say when the server refuses them, for LoadGate. */
export const alertRefusal = {
  refusedTitle: 'You cannot use alerts',
  refusedDetail: 'This page is for people who belong to a supplier organisation.',
}
