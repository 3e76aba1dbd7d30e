import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { cleaningAlert } from '../fixtures'
import { AlertsRoutes } from '../routes'

const routes = <Route path="/alerts/*" element={<AlertsRoutes />} />
const path = `/api/v1/alerts/${cleaningAlert.id}`

describe('DeleteAlert', () => {
  it('asks first, deletes, and returns to the list with a banner', async () => {
    document.cookie = 'ft_csrf=tok123; path=/'
    let deleted = false
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === path && req.method === 'GET') return json(200, cleaningAlert)
      if (url.pathname === path && req.method === 'DELETE') {
        deleted = true
        return new Response(null, { status: 204 })
      }
      if (url.pathname === '/api/v1/alerts') return json(200, { items: deleted ? [] : [cleaningAlert] })
      return anonymous(req, url)
    })
    renderPage(routes, `/alerts/${cleaningAlert.id}/delete`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Are you sure you want to delete the alert ‘Cleaning in Islington’?' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Cancel' })).toHaveAttribute('href', '/alerts')
    await userEvent.click(screen.getByRole('button', { name: 'Delete alert' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/alerts$/))
    expect(await screen.findByText('Alert ‘Cleaning in Islington’ deleted')).toBeInTheDocument()
    expect(await screen.findByRole('heading', { name: 'You have no alerts' })).toBeInTheDocument()
    expect(seen.find((r) => r.method === 'DELETE')!.headers.get('X-CSRF-Token')).toBe('tok123')
  })

  it('treats an alert deleted meanwhile as done', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === path && req.method === 'GET') return json(200, cleaningAlert)
      if (url.pathname === path) return json(404, { status: 404, detail: 'There is no such alert' })
      if (url.pathname === '/api/v1/alerts') return json(200, { items: [] })
      return anonymous(req, url)
    })
    renderPage(routes, `/alerts/${cleaningAlert.id}/delete`)
    await userEvent.click(await screen.findByRole('button', { name: 'Delete alert' }))
    expect(await screen.findByText('Alert ‘Cleaning in Islington’ deleted')).toBeInTheDocument()
  })
})
