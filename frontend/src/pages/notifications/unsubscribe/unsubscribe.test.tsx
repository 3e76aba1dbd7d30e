import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { UnsubscribeRoutes } from '../routes'

const routes = <Route path="/unsubscribe/*" element={<UnsubscribeRoutes />} />
const token = 'a.abc123'
const path = `/api/v1/unsubscribe/${token}`

describe('Unsubscribe', () => {
  it('asks about the alert, stops it with POST without signing in, and confirms', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === path && req.method === 'GET') return json(200, { kind: 'alert', name: 'Cleaning in Islington', done: false })
      if (url.pathname === path && req.method === 'POST') return json(200, { kind: 'alert', name: 'Cleaning in Islington', done: true })
      return anonymous(req, url)
    })
    renderPage(routes, `/unsubscribe/${token}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Stop emails for your alert ‘Cleaning in Islington’?' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'sign in to change your alerts' })).toHaveAttribute('href', '/sign-in')
    await userEvent.click(screen.getByRole('button', { name: 'Stop emails' }))
    const panel = await screen.findByRole('heading', { level: 1, name: 'Emails stopped' })
    expect(panel.closest('.govuk-panel')).toHaveTextContent('We paused your alert ‘Cleaning in Islington’')
    await waitFor(() => expect(document.title).toMatch(/^Emails stopped – /))
    expect(screen.getByRole('link', { name: 'Sign in to manage your alerts' })).toHaveAttribute('href', '/sign-in')
    expect(seen.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual([path])
  })

  it('words an opportunity’s updates as such, and offers a signed-in supplier their alerts directly', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === path && req.method === 'GET') return json(200, { kind: 'interest', name: 'Office cleaning', done: false })
      if (url.pathname === path) return json(200, { kind: 'interest', name: 'Office cleaning', done: true })
      return anonymous(req, url)
    })
    renderPage(routes, `/unsubscribe/${token}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Stop emails about ‘Office cleaning’?' })).toBeInTheDocument()
    expect(screen.getByText(/stop getting updates and deadline reminders/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Stop emails' }))
    expect(await screen.findByText('You will not get any more emails about ‘Office cleaning’')).toBeInTheDocument()
    expect(await screen.findByRole('link', { name: 'Manage your alerts' })).toHaveAttribute('href', '/alerts')
  })

  it('says when the emails were stopped already', async () => {
    mockServer((req, url) => (url.pathname === path ? json(200, { kind: 'alert', name: '', done: true }) : anonymous(req, url)))
    renderPage(routes, `/unsubscribe/${token}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'These emails have already been stopped' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Stop emails' })).toBeNull()
  })

  it('explains a link that does not work, with the server’s message and a way to sign in', async () => {
    mockServer((req, url) =>
      url.pathname === path
        ? json(404, { status: 404, title: 'Not Found', detail: 'This unsubscribe link is not valid. Sign in to change your alerts.' })
        : anonymous(req, url),
    )
    renderPage(routes, `/unsubscribe/${token}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'This unsubscribe link does not work' })).toBeInTheDocument()
    expect(screen.getByText('This unsubscribe link is not valid. Sign in to change your alerts.')).toBeInTheDocument()
    const link = screen.getByRole('link', { name: 'Sign in to manage your alerts' })
    expect(link).toHaveAttribute('href', '/sign-in')
    await userEvent.click(link)
    expect(screen.getByTestId('location')).toHaveAttribute('data-state', JSON.stringify({ next: '/alerts' }))
  })

  it('keeps the question when the service fails on stopping, to try again', async () => {
    mockServer((req, url) => {
      if (url.pathname === path && req.method === 'GET') return json(200, { kind: 'alert', name: 'Cleaning', done: false })
      if (url.pathname === path) return json(503, { status: 503 })
      return anonymous(req, url)
    })
    renderPage(routes, `/unsubscribe/${token}`)
    await userEvent.click(await screen.findByRole('button', { name: 'Stop emails' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Go back and try again' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Stop emails for your alert ‘Cleaning’?' })).toBeInTheDocument()
  })
})
