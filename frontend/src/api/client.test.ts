import { describe, expect, it, vi } from 'vitest'
import { json, mockServer, supplier } from '../test/fetch'
import { api, call, readCookie } from './client'
import { ApiProblemError, ServiceUnavailableError } from './errors'

describe('api client', () => {
  it('reports a network failure as the service being unavailable', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    const err = await call(api.GET('/api/v1/site')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ServiceUnavailableError)
    expect((err as ServiceUnavailableError).status).toBe(0)
  })

  it('reports a 5xx as the service being unavailable, even with a non-JSON body', async () => {
    mockServer(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }))
    const err = await call(api.GET('/api/v1/site')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ServiceUnavailableError)
    expect((err as ServiceUnavailableError).status).toBe(502)
  })

  it('reports a 4xx as a problem carrying the server’s body', async () => {
    mockServer(() =>
      json(422, {
        title: 'Unprocessable Entity',
        status: 422,
        detail: 'validation failed',
        errors: [{ location: 'body.email', message: 'Enter an email address' }],
      }),
    )
    const err = await call(
      api.POST('/api/v1/auth/password-reset', { body: { email: 'x' } }),
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiProblemError)
    const p = err as ApiProblemError
    expect(p.status).toBe(422)
    expect(p.problem.errors?.[0].location).toBe('body.email')
  })

  it('passes on Retry-After from a 429', async () => {
    mockServer(() => json(429, { title: 'Too Many Requests', status: 429 }, { 'Retry-After': '120' }))
    const err = (await call(
      api.POST('/api/v1/auth/login', { body: { email: 'a@example.com', password: 'x' } }),
    ).catch((e: unknown) => e)) as ApiProblemError
    expect(err.status).toBe(429)
    expect(err.retryAfter).toBe(120)
  })

  it('sends the CSRF cookie as X-CSRF-Token on unsafe methods only', async () => {
    document.cookie = 'ft_csrf=tok%2Fen123; path=/'
    const seen = mockServer((_req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      return json(202, { message: 'sent' })
    })
    await call(api.GET('/api/v1/me'))
    await call(api.POST('/api/v1/auth/resend-verification'))
    expect(seen[0].headers.get('X-CSRF-Token')).toBeNull()
    expect(seen[1].method).toBe('POST')
    expect(seen[1].headers.get('X-CSRF-Token')).toBe('tok/en123')
    expect(seen[1].credentials).toBe('same-origin')
  })

  it('sends no CSRF header when there is no cookie', async () => {
    const seen = mockServer(() => json(202, { message: 'sent' }))
    await call(api.POST('/api/v1/auth/password-reset', { body: { email: 'a@example.com' } }))
    expect(seen[0].headers.get('X-CSRF-Token')).toBeNull()
  })

  it('refreshes once after a 401 and retries with the new CSRF token and the same body', async () => {
    document.cookie = 'ft_csrf=old; path=/'
    let refreshed = false
    const seen = mockServer(async (req, url) => {
      if (url.pathname === '/api/v1/auth/refresh') {
        refreshed = true
        document.cookie = 'ft_csrf=new; path=/'
        return json(200, { user: supplier })
      }
      if (url.pathname === '/api/v1/auth/invitations/accept') {
        if (!refreshed) return json(401, { title: 'Unauthorized', status: 401 })
        expect(await req.json()).toEqual({ token: 't', password: 'correct horse battery' })
        return json(200, { message: 'ok' })
      }
    })
    const got = await call(api.POST('/api/v1/auth/invitations/accept', { body: { token: 't', password: 'correct horse battery' } }))
    expect(got).toEqual({ message: 'ok' })
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/auth/invitations/accept',
      '/api/v1/auth/refresh',
      '/api/v1/auth/invitations/accept',
    ])
    expect(seen[1].headers.get('X-CSRF-Token')).toBe('old')
    expect(seen[2].headers.get('X-CSRF-Token')).toBe('new')
  })

  it('gives up with the 401 when the refresh fails', async () => {
    document.cookie = 'ft_csrf=old; path=/'
    const seen = mockServer(() => json(401, { title: 'Unauthorized', status: 401 }))
    const err = await call(api.GET('/api/v1/me')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiProblemError)
    expect((err as ApiProblemError).status).toBe(401)
    expect(seen).toHaveLength(2)
  })

  it('does not try to refresh without a CSRF cookie (nobody signed in)', async () => {
    const seen = mockServer(() => json(401, { title: 'Unauthorized', status: 401 }))
    await call(api.GET('/api/v1/me')).catch(() => {})
    expect(seen).toHaveLength(1)
  })

  it('does not refresh after a wrong password', async () => {
    document.cookie = 'ft_csrf=old; path=/'
    const seen = mockServer(() => json(401, { title: 'Unauthorized', status: 401, detail: 'Email address or password is not right' }))
    await call(api.POST('/api/v1/auth/login', { body: { email: 'a@example.com', password: 'wrong' } })).catch(() => {})
    expect(seen).toHaveLength(1)
  })

  it('shares one refresh between requests that fail together', async () => {
    document.cookie = 'ft_csrf=old; path=/'
    let refreshes = 0
    let ok = false
    mockServer(async (_req, url) => {
      if (url.pathname === '/api/v1/auth/refresh') {
        refreshes++
        await new Promise((r) => setTimeout(r, 10))
        ok = true
        return json(200, { user: supplier })
      }
      return ok ? json(200, supplier) : json(401, { status: 401 })
    })
    await Promise.all([call(api.GET('/api/v1/me')), call(api.GET('/api/v1/me'))])
    expect(refreshes).toBe(1)
  })
})

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    document.cookie = 'a=1; path=/'
    document.cookie = 'ft_csrf=x%3Dy; path=/'
    expect(readCookie('ft_csrf')).toBe('x=y')
    expect(readCookie('missing')).toBeUndefined()
  })
})
