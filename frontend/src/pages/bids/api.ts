// The bids operations, through the generated client (api, whose fetch adds the
// CSRF header and refreshes an expired session) and unwrapped by call, so
// errors mean what they mean everywhere else.
import { api, call, callWithResponse } from '../../api/client'
import type {
  BidForm,
  BidFormInput,
  BidFormQuestion,
  BidFormQuestionInput,
  BidInput,
  BidList,
  BidOpening,
  BidReceipt,
  BidView,
  OpeningConfirmation,
  OpeningPanel,
  StartBidInput,
} from './api-types'

const path = (id: string) => ({ params: { path: { id } } })

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
  return call(api.GET('/api/v1/opportunities/{id}/response-form', { ...path(opportunityId), signal }))
}

/** The form as the editor holds it: questions as the server shows them. */
export interface EditedForm {
  twoStage: boolean
  questions: BidFormQuestion[]
}

/**
 * questionInput is a question as PUT takes it: the server numbers questions
 * and decides their envelope, and refuses a body that tries to say either.
 */
export function questionInput(q: BidFormQuestion): BidFormQuestionInput {
  const { number: _number, envelope: _envelope, ...input } = q
  return input
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
  // A draft without a form answers version 0 and no questions.
  const { data, response } = await callWithResponse(api.GET('/api/v1/opportunities/{id}/response-form', { ...path(opportunityId), signal }))
  return { form: data, etag: data.version > 0 ? (response.headers.get('ETag') ?? `"${data.version}"`) : undefined }
}

/** saveForm replaces a draft's response form; with etag, only if nobody saved it since (else 412). */
export async function saveForm(opportunityId: string, etag: string | undefined, edited: EditedForm): Promise<VersionedForm> {
  const body: BidFormInput = { twoStage: edited.twoStage, questions: edited.questions.map(questionInput) }
  const { data, response } = await callWithResponse(
    api.PUT('/api/v1/opportunities/{id}/response-form', {
      params: { path: { id: opportunityId }, header: etag ? { 'If-Match': etag } : {} },
      body,
    }),
  )
  return { form: data, etag: response.headers.get('ETag') ?? `"${data.version}"` }
}

/** startBid makes the organisation's draft bid for an opportunity. */
export function startBid(opportunityId: string, input: StartBidInput): Promise<BidView> {
  return call(api.POST('/api/v1/opportunities/{id}/bids', { ...path(opportunityId), body: input })) as Promise<BidView>
}

/** fetchBid loads a bid with its ETag. */
export async function fetchBid(bidId: string, signal?: AbortSignal): Promise<Versioned> {
  const { data, response } = await callWithResponse(api.GET('/api/v1/bids/{id}', { ...path(bidId), signal }))
  return { bid: data as BidView, etag: etagOf(response, data as BidView) }
}

/** saveBid changes the answers given, if the bid is still at etag; otherwise the server answers 412 and nothing is written. */
export async function saveBid(bidId: string, etag: string, input: BidInput): Promise<Versioned> {
  const { data, response } = await callWithResponse(api.PUT('/api/v1/bids/{id}', { params: { path: { id: bidId }, header: { 'If-Match': etag } }, body: input }))
  return { bid: data as BidView, etag: etagOf(response, data as BidView) }
}

/** removeDocument takes a file out of a draft bid. */
export async function removeDocument(bidId: string, documentId: string): Promise<void> {
  await call(api.DELETE('/api/v1/bids/{id}/documents/{documentId}', { params: { path: { id: bidId, documentId } } }))
}

/** documentHref is where a file of a bid downloads from. */
export function documentHref(bidId: string, documentId: string): string {
  return `/api/v1/bids/${encodeURIComponent(bidId)}/documents/${encodeURIComponent(documentId)}`
}

/**
 * submitBid submits the bid. The key names this attempt: a retry with the same
 * key gets the same receipt, never a second submission.
 */
export function submitBid(bidId: string, idempotencyKey: string): Promise<BidReceipt> {
  return call(api.POST('/api/v1/bids/{id}/submit', { params: { path: { id: bidId }, header: { 'Idempotency-Key': idempotencyKey } } }))
}

/** withdrawBid withdraws a submitted bid: it no longer counts. */
export function withdrawBid(bidId: string): Promise<BidView> {
  return call(api.POST('/api/v1/bids/{id}/withdraw', path(bidId))) as Promise<BidView>
}

/**
 * confirmStands records that a bid submitted before an amendment still stands
 * (the bidder checked what changed and needs to change nothing).
 */
export function confirmStands(bidId: string): Promise<BidView> {
  return call(api.POST('/api/v1/bids/{id}/confirm', path(bidId))) as Promise<BidView>
}

/** fetchReceipt loads the receipt of the bid's latest submission, or of version. */
export function fetchReceipt(bidId: string, version?: number, signal?: AbortSignal): Promise<BidReceipt> {
  return call(api.GET('/api/v1/bids/{id}/receipt', { params: { path: { id: bidId }, query: version ? { version } : {} }, signal }))
}

/** fetchSupplierBids lists the bids of the organisation the supplier acts for. */
export function fetchSupplierBids(organisationId: string | undefined, signal?: AbortSignal): Promise<BidList> {
  return call(api.GET('/api/v1/supplier/bids', { params: { query: organisationId ? { organisationId } : {} }, signal }))
}

/** fetchOpening says where the opening of an opportunity's bids stands (public). */
export function fetchOpening(opportunityId: string, signal?: AbortSignal): Promise<BidOpening> {
  return call(api.GET('/api/v1/opportunities/{id}/opening', { ...path(opportunityId), signal }))
}

/** confirmOpening is one panel member's confirmation, with password and two-step code. */
export function confirmOpening(opportunityId: string, input: OpeningConfirmation): Promise<BidOpening> {
  return call(api.POST('/api/v1/opportunities/{id}/opening', { ...path(opportunityId), body: input }))
}

/** fetchOpenedBids lists an opportunity's bids, for the council after opening. */
export function fetchOpenedBids(opportunityId: string, signal?: AbortSignal): Promise<BidList> {
  return call(api.GET('/api/v1/opportunities/{id}/bids', { ...path(opportunityId), signal }))
}

/** newIdempotencyKey makes a fresh random key for one submit attempt. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID()
}

/** fetchPanel loads an opportunity's opening panel, for its buyer. */
export function fetchPanel(opportunityId: string, signal?: AbortSignal): Promise<OpeningPanel> {
  return call(api.GET('/api/v1/opportunities/{id}/opening-panel', { ...path(opportunityId), signal }))
}

/** savePanel names a draft's opening panel. */
export function savePanel(opportunityId: string, userIds: string[]): Promise<OpeningPanel> {
  return call(api.PUT('/api/v1/opportunities/{id}/opening-panel', { ...path(opportunityId), body: { userIds } }))
}
