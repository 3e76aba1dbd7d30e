// The typed API client. Types come from schema.d.ts, which `npm run gen` generates
// from the server's OpenAPI document; never edit them by hand.
import createClient from 'openapi-fetch'
import type { paths } from './schema'
import { ApiProblemError, ServiceUnavailableError, type Problem } from './errors'

// Named by path rather than by schema, so that a renamed Go type does not break them.
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never

/** The council's settings, from GET /api/v1/site. */
export type Site = Json<paths['/api/v1/site']['get']['responses'][200]>
/** Who is signed in, from GET /api/v1/me. */
export type Me = Json<paths['/api/v1/me']['get']['responses'][200]>
/** A legal form code, as the register operation takes it. */
export type LegalForm = NonNullable<paths['/api/v1/auth/register']['post']['requestBody']>['content']['application/json']['legalForm']
/** A supplier's profile with its classification and declarations, from GET /api/v1/supplier/profile. */
export type ProfileView = Json<paths['/api/v1/supplier/profile']['get']['responses'][200]>
/** A whole profile as PUT /api/v1/supplier/profile takes it. */
/** The profile as it is being edited, from GET /api/v1/supplier/profile/draft. */
export type ProfileDraftView = Json<paths['/api/v1/supplier/profile/draft']['get']['responses'][200]>
export type ProfileInput = NonNullable<paths['/api/v1/supplier/profile']['put']['requestBody']>['content']['application/json']
/** One ethical standard with the organisation's answer. */
export type Declaration = ProfileView['declarations'][number]
/** How a supplier is classified, each class with its reason. */
export type Classification = ProfileView['classification']
/** A CPV code found by GET /api/v1/cpv, with its place in the hierarchy. */
export type CpvResult = Json<paths['/api/v1/cpv']['get']['responses'][200]>['items'][number]
/** A UK local authority, from GET /api/v1/local-authorities. */
export type LocalAuthority = NonNullable<Json<paths['/api/v1/local-authorities']['get']['responses'][200]>['items']>[number]
/** The people in an organisation and its open invitations, from GET /api/v1/supplier/members. */
export type Members = Json<paths['/api/v1/supplier/members']['get']['responses'][200]>
/** One page of the council staff's supplier list. */
export type SupplierList = Json<paths['/api/v1/suppliers']['get']['responses'][200]>
/** An organisation's bank details and changes on their way, from GET /api/v1/supplier/bank-details. */
export type BankDetails = Json<paths['/api/v1/supplier/bank-details']['get']['responses'][200]>
/** One bank details change as the supplier sees it. */
export type BankChange = BankDetails['changes'][number]
/** One page of the officers' queue of bank details changes. */
export type BankQueue = Json<paths['/api/v1/bank-changes']['get']['responses'][200]>
/** One bank details change as council officers see it. */
export type BankQueueItem = BankQueue['items'][number]
/** One insurance certificate, from GET /api/v1/supplier/insurances. */
export type Insurance = Json<paths['/api/v1/supplier/insurances']['get']['responses'][200]>['items'][number]
/** What an authenticator app needs, from startTwoStepSetup. */
export type TwoStepSetup = Json<paths['/api/v1/me/two-step/setup']['post']['responses'][200]>
/** Whether a person uses two-step verification, and must. */
export type TwoStepStatus = Json<paths['/api/v1/me/two-step']['get']['responses'][200]>
/** Which staff roles must use two-step verification. */
export type TwoStepPolicy = Json<paths['/api/v1/admin/two-step-policy']['get']['responses'][200]>
/** The filters of the council staff's supplier list, as query parameters. */
export type SupplierFilters = NonNullable<paths['/api/v1/suppliers']['get']['parameters']['query']>
/** One page of the admins' list of accounts, from GET /api/v1/admin/accounts. */
export type AccountList = Json<paths['/api/v1/admin/accounts']['get']['responses'][200]>
/** One account as an admin sees it, from GET /api/v1/admin/accounts/{id}. */
export type Account = Json<paths['/api/v1/admin/accounts/{id}']['get']['responses'][200]>
/** The filters of the admins' list of accounts, as query parameters. */
export type AccountFilters = NonNullable<paths['/api/v1/admin/accounts']['get']['parameters']['query']>

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const CSRF_COOKIE = 'ft_csrf'
const REFRESH_PATH = '/api/v1/auth/refresh'
// Paths where a 401 is the answer itself (wrong password, no session), not an
// expired access token, so trying a refresh would be pointless or loop.
const NO_REFRESH = new Set([
  REFRESH_PATH,
  '/api/v1/auth/login',
  '/api/v1/auth/logout',
  '/api/v1/auth/two-step',
  '/api/v1/auth/two-step/setup',
  '/api/v1/auth/two-step/setup/confirm',
])

/** readCookie returns the value of the named cookie, or undefined. */
export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

// send adds the double-submit CSRF header at the last moment, so that a retry
// after a refresh carries the token the refresh may have rotated.
async function send(request: Request): Promise<Response> {
  const headers = new Headers(request.headers)
  const csrf = readCookie(CSRF_COOKIE)
  if (csrf && UNSAFE.has(request.method)) headers.set('X-CSRF-Token', csrf)
  try {
    return await fetch(new Request(request, { headers, credentials: 'same-origin' }))
  } catch (err) {
    throw new ServiceUnavailableError(0, { cause: err })
  }
}

let refreshing: Promise<boolean> | undefined

// refreshSession asks for a new access token once, however many requests got a
// 401 at the same moment.
function refreshSession(): Promise<boolean> {
  refreshing ??= send(new Request(new URL(REFRESH_PATH, window.location.origin), { method: 'POST' }))
    .then((res) => res.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = undefined
    })
  return refreshing
}

/**
 * apiFetch is the fetch the generated client uses: same-origin cookies, the CSRF
 * header on unsafe methods, and one refresh-and-retry when an access token has
 * expired. It throws ServiceUnavailableError when nothing answers.
 */
export async function apiFetch(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname
  const mayRefresh = !NO_REFRESH.has(path)
  const retry = mayRefresh ? request.clone() : undefined
  const res = await send(request)
  if (res.status !== 401 || !retry || readCookie(CSRF_COOKIE) === undefined) return res
  if (!(await refreshSession())) return res
  return send(retry)
}

/** api is the typed client for /api/v1. Use it through call(). */
export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  fetch: apiFetch,
})

function asProblem(body: unknown, response: Response): Problem {
  if (body && typeof body === 'object') return body as Problem
  return { status: response.status, title: response.statusText }
}

/**
 * callWithResponse is call for the few operations whose headers matter (an
 * ETag): it resolves to the data and the response it came in.
 */
export async function callWithResponse<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; response: Response }> {
  const settled = await result
  return { data: await call(Promise.resolve(settled)), response: settled.response }
}

/**
 * call unwraps a client result: the data on success, ApiProblemError for a 4xx,
 * ServiceUnavailableError for a 5xx or no answer.
 *
 *   const me = await call(api.GET('/api/v1/me'))
 */
export async function call<T>(result: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await result
  if (response.status >= 500) throw new ServiceUnavailableError(response.status)
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('Retry-After'))
    throw new ApiProblemError(response.status, asProblem(error, response), retryAfter > 0 ? retryAfter : undefined)
  }
  return data as T
}
