// The API side of the e2e harness: a person signed in without a browser, for the set-up a journey
// needs but does not show (a buyer publishing an opportunity for the supplier to find).
import { inject } from 'vitest'
import { personAddress } from './browser'

/** An API session for someone signed in without a browser: the cookies, the CSRF token and their address. */
export interface ApiSession {
  cookie: string
  csrf: string
  address: string
}

/** apiSignIn signs in as the browser does, keeping the session cookies by hand. */
export async function apiSignIn(email: string, password: string): Promise<ApiSession> {
  // Each person has their own address, as they would in use, so that the per-address sign-in
  // limit counts each of them and not the whole run.
  const address = personAddress()
  const res = await fetch(`${inject('baseURL')}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
    body: JSON.stringify({ email, password }),
  })
  if (!res.ok) throw new Error(`e2e: signing in ${email} failed with ${res.status}: ${await res.text()}`)
  const pairs = res.headers.getSetCookie().map((c) => c.split(';')[0])
  const csrf = pairs.find((c) => c.startsWith('ft_csrf='))?.slice('ft_csrf='.length) ?? ''
  return { cookie: pairs.join('; '), csrf, address }
}

/**
 * apiCall makes one API call with the session and its CSRF token, failing on anything but success.
 * A Blob body is sent as it is, with contentType; anything else as JSON.
 */
export async function apiCall<T>(s: ApiSession, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const raw = body instanceof Blob
  const res = await fetch(`${inject('baseURL')}${path}`, {
    method,
    headers: {
      Cookie: s.cookie,
      'X-CSRF-Token': s.csrf,
      'X-Forwarded-For': s.address,
      ...(body === undefined ? {} : { 'Content-Type': contentType }),
    },
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`e2e: ${method} ${path} failed with ${res.status}: ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

/** londonDay is the London calendar date `days` after today, as YYYY-MM-DD (for deadlines set through the API). */
export function londonDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  )
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}
