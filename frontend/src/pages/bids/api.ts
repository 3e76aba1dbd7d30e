// The bids operations, called through the portal's one fetch (apiFetch: the
// CSRF header, a refresh when the session has expired) and unwrapped by call,
// so errors mean what they mean everywhere else. The paths are not in the
// generated client yet; when they are, each function becomes api.GET/PUT/POST.
import { apiFetch, call, callWithResponse } from '../../api/client'
import { isProblem } from '../../api/errors'
import type {
  BidForm,
  BidFormQuestion,
  BidInput,
  BidList,
  BidOpening,
  BidReceipt,
  BidView,
  OpeningConfirmation,
  OpeningPanel,
  StartBidInput,
} from './api-types'

type Result<T> = { data?: T; error?: unknown; response: Response }

const id = (s: string) => encodeURIComponent(s)

async function send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Result<T>> {
  const h = new Headers(headers)
  if (body !== undefined) h.set('Content-Type', 'application/json')
  const response = await apiFetch(
    new Request(new URL(path, window.location.origin), { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal }),
  )
  let parsed: unknown
  try {
    const text = response.status === 204 ? '' : await response.text()
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return response.ok ? { data: parsed as T, response } : { error: parsed, response }
}

/** etagOf is the response's ETag, or the one the bid's version implies if a proxy dropped it. */
export function etagOf(response: Response, bid: BidView): string {
  return response.headers.get('ETag') ?? `"${bid.version}"`
}

/** A bid with the ETag its next save sends as If-Match. */
export interface Versioned {
  bid: BidView
  etag: string
}

/** fetchForm loads an opportunity's response form (public once published). */
export function fetchForm(opportunityId: string, signal?: AbortSignal): Promise<BidForm> {
  return call(send<BidForm>('GET', `/api/v1/opportunities/${id(opportunityId)}/response-form`, undefined, {}, signal))
}

/** The body of PUT /api/v1/opportunities/{id}/response-form: the whole form. */
export interface BidFormInput {
  twoStage: boolean
  questions: BidFormQuestion[]
}

/** A response form with the ETag its next save sends as If-Match (none before its first save). */
export interface VersionedForm {
  form: BidForm
  etag?: string
}

/**
 * fetchFormForEditing loads a draft's response form for its buyer; a draft
 * with no form yet gets an empty one at version 0.
 */
export async function fetchFormForEditing(opportunityId: string, signal?: AbortSignal): Promise<VersionedForm> {
  try {
    const { data, response } = await callWithResponse(
      send<BidForm>('GET', `/api/v1/opportunities/${id(opportunityId)}/response-form`, undefined, {}, signal),
    )
    return { form: data, etag: data.version > 0 ? (response.headers.get('ETag') ?? `"${data.version}"`) : undefined }
  } catch (err) {
    if (isProblem(err, 404)) return { form: { opportunityId, version: 0, twoStage: false, questions: [] } }
    throw err
  }
}

/** saveForm replaces a draft's response form; with etag, only if nobody saved it since (else 412). */
export async function saveForm(opportunityId: string, etag: string | undefined, input: BidFormInput): Promise<VersionedForm> {
  const { data, response } = await callWithResponse(
    send<BidForm>('PUT', `/api/v1/opportunities/${id(opportunityId)}/response-form`, input, etag ? { 'If-Match': etag } : {}),
  )
  return { form: data, etag: response.headers.get('ETag') ?? `"${data.version}"` }
}

/** startBid makes the organisation's draft bid for an opportunity. */
export function startBid(opportunityId: string, input: StartBidInput): Promise<BidView> {
  return call(send<BidView>('POST', `/api/v1/opportunities/${id(opportunityId)}/bids`, input))
}

/** fetchBid loads a bid with its ETag. */
export async function fetchBid(bidId: string, signal?: AbortSignal): Promise<Versioned> {
  const { data, response } = await callWithResponse(send<BidView>('GET', `/api/v1/bids/${id(bidId)}`, undefined, {}, signal))
  return { bid: data, etag: etagOf(response, data) }
}

/** saveBid changes the answers given, if the bid is still at etag; otherwise the server answers 412 and nothing is written. */
export async function saveBid(bidId: string, etag: string, input: BidInput): Promise<Versioned> {
  const { data, response } = await callWithResponse(send<BidView>('PUT', `/api/v1/bids/${id(bidId)}`, input, { 'If-Match': etag }))
  return { bid: data, etag: etagOf(response, data) }
}

/** removeDocument takes a file out of a draft bid. */
export async function removeDocument(bidId: string, documentId: string): Promise<void> {
  await call(send<unknown>('DELETE', `/api/v1/bids/${id(bidId)}/documents/${id(documentId)}`))
}

/** documentHref is where a file of a bid downloads from. */
export function documentHref(bidId: string, documentId: string): string {
  return `/api/v1/bids/${id(bidId)}/documents/${id(documentId)}`
}

/**
 * submitBid submits the bid. The key names this attempt: a retry with the same
 * key gets the same receipt, never a second submission.
 */
export function submitBid(bidId: string, idempotencyKey: string): Promise<BidReceipt> {
  return call(send<BidReceipt>('POST', `/api/v1/bids/${id(bidId)}/submit`, undefined, { 'Idempotency-Key': idempotencyKey }))
}

/** withdrawBid withdraws a submitted bid: it no longer counts. */
export function withdrawBid(bidId: string): Promise<BidView> {
  return call(send<BidView>('POST', `/api/v1/bids/${id(bidId)}/withdraw`))
}

/** fetchReceipt loads the receipt of the bid's latest submission, or of version. */
export function fetchReceipt(bidId: string, version?: number, signal?: AbortSignal): Promise<BidReceipt> {
  const q = version ? `?version=${version}` : ''
  return call(send<BidReceipt>('GET', `/api/v1/bids/${id(bidId)}/receipt${q}`, undefined, {}, signal))
}

/** fetchSupplierBids lists the bids of the organisation the supplier acts for. */
export function fetchSupplierBids(organisationId: string | undefined, signal?: AbortSignal): Promise<BidList> {
  const q = organisationId ? `?organisationId=${id(organisationId)}` : ''
  return call(send<BidList>('GET', `/api/v1/supplier/bids${q}`, undefined, {}, signal))
}

/** fetchOpening says where the opening of an opportunity's bids stands (public). */
export function fetchOpening(opportunityId: string, signal?: AbortSignal): Promise<BidOpening> {
  return call(send<BidOpening>('GET', `/api/v1/opportunities/${id(opportunityId)}/opening`, undefined, {}, signal))
}

/** confirmOpening is one panel member's confirmation, with password and two-step code. */
export function confirmOpening(opportunityId: string, input: OpeningConfirmation): Promise<BidOpening> {
  return call(send<BidOpening>('POST', `/api/v1/opportunities/${id(opportunityId)}/opening`, input))
}

/** fetchOpenedBids lists an opportunity's bids, for the council after opening. */
export function fetchOpenedBids(opportunityId: string, signal?: AbortSignal): Promise<BidList> {
  return call(send<BidList>('GET', `/api/v1/opportunities/${id(opportunityId)}/bids`, undefined, {}, signal))
}

/** newIdempotencyKey makes a fresh random key for one submit attempt. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID()
}

/** fetchPanel loads an opportunity's opening panel, for its buyer. */
export function fetchPanel(opportunityId: string, signal?: AbortSignal): Promise<OpeningPanel> {
  return call(send<OpeningPanel>('GET', `/api/v1/opportunities/${id(opportunityId)}/opening-panel`, undefined, {}, signal))
}

/** savePanel names a draft's opening panel. */
export function savePanel(opportunityId: string, userIds: string[]): Promise<OpeningPanel> {
  return call(send<OpeningPanel>('PUT', `/api/v1/opportunities/${id(opportunityId)}/opening-panel`, { userIds }))
}
