// A stand-in for the server in unit tests: every fetch goes to a handler that
// sees the real Request the client built.
import { vi } from 'vitest'

/** Route answers a request, or returns undefined to fall through to a 404. */
export type Route = (req: Request, url: URL) => Response | undefined | Promise<Response | undefined>

/** json builds a JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } })
}

/** mockServer replaces fetch; it returns the requests made, in order, for assertions. */
export function mockServer(route: Route): Request[] {
  const seen: Request[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      seen.push(input.clone())
      const answer = await route(input, new URL(input.url))
      return answer ?? json(404, { title: 'Not Found', status: 404 })
    }),
  )
  return seen
}

/** A signed-in supplier, as GET /api/v1/me returns one. */
export const supplier = {
  id: '2b6f0c3e-2a4f-4c3b-9f44-5b0e6a8d7c11',
  email: 'sam@example.com',
  name: 'Sam Patel',
  role: 'supplier' as const,
  emailVerified: true,
  organisations: [
    { id: '9d1c6a52-6a5e-4c1b-8f5a-0a4b2c3d4e5f', name: 'Patel Cleaning', legalForm: 'sole_trader' as const, role: 'owner' as const },
  ],
}

/** anonymous answers the calls every page makes when nobody is signed in. */
export const anonymous: Route = (_req, url) => {
  if (url.pathname === '/api/v1/site')
    return json(200, { councilName: 'Islington Council', serviceName: 'Find and win council work', feedbackUrl: 'mailto:feedback@example.com' })
  if (url.pathname === '/api/v1/me') return json(401, { title: 'Unauthorized', status: 401, detail: 'Sign in first' })
  return undefined
}
