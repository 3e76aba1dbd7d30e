import { configure, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../../test/fetch'
import { renderPage } from '../../../../test/render'
import { signedIn } from '../test-server'
import { Sessions } from './sessions'

configure({ asyncUtilTimeout: 10_000 })

const routes = <Route path="/account/settings/sessions" element={<Sessions />} />

const here = { id: 's1', device: 'Chrome on Windows', signedInAt: '2026-12-01T09:00:00Z', lastUsedAt: '2026-12-03T10:00:00Z', current: true }
const phone = { id: 's2', device: 'Safari on iPhone', signedInAt: '2026-11-20T18:30:00Z', lastUsedAt: '2026-12-02T08:15:00Z', current: false }
const tablet = { id: 's3', device: 'Firefox on Android', signedInAt: '2026-11-02T12:00:00Z', lastUsedAt: '2026-11-03T12:00:00Z', current: false }

describe('Sessions', { timeout: 60_000 }, () => {
  it('lists the devices, marks this one, and signs one out', async () => {
    let sessions = [here, phone, tablet]
    const seen = signedIn((req, url) => {
      if (url.pathname === '/api/v1/me/sessions') return json(200, { items: sessions })
      if (url.pathname === '/api/v1/me/sessions/s2/end' && req.method === 'POST') {
        sessions = sessions.filter((s) => s.id !== 's2')
        return json(200, { message: 'You have been signed out of that device.' })
      }
      return undefined
    })
    renderPage(routes, '/account/settings/sessions')
    const table = await screen.findByRole('table')
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(4)
    expect(within(rows[1]).getByRole('rowheader')).toHaveTextContent('Chrome on Windows')
    expect(within(rows[1]).getByText('This device')).toBeInTheDocument()
    expect(within(rows[1]).queryByRole('button')).not.toBeInTheDocument()
    expect(within(rows[2]).getByText('2 December 2026 at 8:15am')).toBeInTheDocument()

    await userEvent.click(within(rows[2]).getByRole('button', { name: /Sign out\s*Safari on iPhone/ }))
    expect(await screen.findByText('You have been signed out of that device.')).toBeInTheDocument()
    expect(await screen.findByText('Firefox on Android')).toBeInTheDocument()
    expect(screen.queryByText('Safari on iPhone')).not.toBeInTheDocument()
    expect(seen.some((r) => r.url.endsWith('/me/sessions/s2/end') && r.method === 'POST')).toBe(true)
  })

  it('signs out everywhere else, and then offers nothing more to sign out', async () => {
    let sessions = [here, phone, tablet]
    signedIn((req, url) => {
      if (url.pathname === '/api/v1/me/sessions') return json(200, { items: sessions })
      if (url.pathname === '/api/v1/me/sessions/end-others' && req.method === 'POST') {
        sessions = [here]
        return json(200, { message: 'You have been signed out of 2 other devices.' })
      }
      return undefined
    })
    renderPage(routes, '/account/settings/sessions')
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out everywhere else' }))
    expect(await screen.findByText('You have been signed out of 2 other devices.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).not.toBeInTheDocument()
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2)
  })

  it('shows the server’s reason when a device cannot be signed out', async () => {
    signedIn((_req, url) => {
      if (url.pathname === '/api/v1/me/sessions') return json(200, { items: [here, phone] })
      if (url.pathname === '/api/v1/me/sessions/s2/end')
        return json(404, { status: 404, title: 'Not Found', detail: 'You are not signed in there any more' })
      return undefined
    })
    renderPage(routes, '/account/settings/sessions')
    await userEvent.click(await screen.findByRole('button', { name: /Sign out\s*Safari on iPhone/ }))
    expect(await screen.findByRole('heading', { name: 'There is a problem' })).toBeInTheDocument()
    expect(screen.getByText('You are not signed in there any more')).toBeInTheDocument()
  })
})
