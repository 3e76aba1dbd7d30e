import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { inbox, message } from '../fixtures'
import { InboxRoutes } from '../routes'
import type { Inbox } from '../types'

const routes = <Route path="/inbox/*" element={<InboxRoutes />} />

const unread = message()
const read = message({
  id: 'b1c2d3e4-0000-4000-8000-000000000002',
  kind: 'reminder',
  title: 'Park maintenance: 7 days left',
  alertName: undefined,
  link: '/opportunities/9e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
  createdAt: '2026-03-01T08:00:00Z',
  readAt: '2026-03-01T09:00:00Z',
})

function serve(answer: (url: URL) => Inbox) {
  return mockServer((req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/notifications' && req.method === 'GET') return json(200, answer(url))
    if (url.pathname.startsWith('/api/v1/notifications/') && req.method === 'POST') return new Response(null, { status: 204 })
    return anonymous(req, url)
  })
}

describe('Inbox', () => {
  it('shows the unread count in the heading, and unread messages in bold with a tag', async () => {
    const seen = serve(() => inbox([unread, read]))
    renderPage(routes, '/inbox')
    expect(await screen.findByRole('heading', { level: 1, name: 'Inbox (1 unread)' })).toBeInTheDocument()
    await waitFor(() => expect(document.title).toMatch(/^Inbox \(1 unread\) – /))
    const first = screen.getByRole('heading', { level: 2, name: /Office cleaning for the town hall/ })
    expect(first).toHaveClass('govuk-!-font-weight-bold')
    expect(within(first).getByText('Unread')).toHaveClass('govuk-tag')
    const second = screen.getByRole('heading', { level: 2, name: 'Park maintenance: 7 days left' })
    expect(second).toHaveClass('govuk-!-font-weight-regular')
    expect(within(second).queryByText('Unread')).toBeNull()
    expect(screen.getByText(/Matches your alert ‘Cleaning in Islington’ – 2 March 2026 at 10:05am/)).toBeInTheDocument()
    expect(screen.getByText(/Deadline reminder – 1 March 2026 at 8am/)).toBeInTheDocument()
    const asked = new URL(seen.find((r) => new URL(r.url).pathname === '/api/v1/notifications')!.url)
    expect(Object.fromEntries(asked.searchParams)).toEqual({ page: '1', pageSize: '20' })
  })

  it('gives the deadline as it is now when it moved after the message', async () => {
    const moved = message({
      body: 'Bids by midday on Friday 8 January 2027.',
      deadline: { at: '2027-01-15T12:00:00Z', local: '2027-01-15T12:00', text: 'midday on Friday 15 January 2027' },
      deadlineChanged: true,
    })
    const current = message({
      id: 'b1c2d3e4-0000-4000-8000-000000000003',
      title: 'Park maintenance',
      deadline: { at: '2027-02-01T12:00:00Z', local: '2027-02-01T12:00', text: 'midday on Monday 1 February 2027' },
    })
    serve(() => inbox([moved, current]))
    renderPage(routes, '/inbox')
    expect(await screen.findByText('The deadline for bids has changed since this message: it is now midday on Friday 15 January 2027.')).toHaveClass(
      'govuk-inset-text',
    )
    expect(screen.queryByText(/changed since this message: it is now midday on Monday 1 February/)).toBeNull()
  })

  it('marks a message read before opening its opportunity', async () => {
    const seen = serve(() => inbox([unread, read]))
    renderPage(routes, '/inbox')
    await userEvent.click(await screen.findByRole('link', { name: 'Office cleaning for the town hall' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(unread.link))
    const mark = seen.find((r) => r.method === 'POST')!
    expect(new URL(mark.url).pathname).toBe(`/api/v1/notifications/${unread.id}/read`)
  })

  it('opens a read message without marking it again', async () => {
    const seen = serve(() => inbox([unread, read]))
    renderPage(routes, '/inbox')
    await userEvent.click(await screen.findByRole('link', { name: 'Park maintenance: 7 days left' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(read.link))
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('marks all as read, then shows them read with a banner', async () => {
    let allRead = false
    const seen = serve(() => (allRead ? inbox([{ ...unread, readAt: '2026-03-03T10:00:00Z' }, read]) : inbox([unread, read])))
    renderPage(routes, '/inbox')
    await screen.findByRole('heading', { level: 1, name: 'Inbox (1 unread)' })
    allRead = true
    await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Inbox' })).toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('All your messages are marked as read')
    expect(screen.queryByText('Unread', { selector: '.govuk-tag' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull()
    expect(new URL(seen.find((r) => r.method === 'POST')!.url).pathname).toBe('/api/v1/notifications/read-all')
  })

  it('filters to unread messages and pages through them in the address', async () => {
    const seen = serve((url) => inbox([unread], { total: 45, unread: 45, page: Number(url.searchParams.get('page') ?? 1) }))
    renderPage(routes, '/inbox?unread=true&page=2')
    await screen.findByRole('heading', { level: 1, name: 'Inbox (45 unread)' })
    const asked = new URL(seen.find((r) => new URL(r.url).pathname === '/api/v1/notifications')!.url)
    expect(Object.fromEntries(asked.searchParams)).toEqual({ unread: 'true', page: '2', pageSize: '20' })
    expect(screen.getByText(/Showing unread messages only/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Show all messages' })).toHaveAttribute('href', '/inbox')
    const nav = screen.getByRole('navigation', { name: 'Pagination' })
    expect(within(nav).getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page')
    expect(within(nav).getByRole('link', { name: 'Page 3' })).toHaveAttribute('href', '/inbox?unread=true&page=3')
    expect(within(nav).getByRole('link', { name: /Previous/ })).toHaveAttribute('href', '/inbox?unread=true')
  })

  it('switches to unread only from the link', async () => {
    serve(() => inbox([unread, read]))
    renderPage(routes, '/inbox')
    await userEvent.click(await screen.findByRole('link', { name: 'Show unread only' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/inbox?unread=true'))
    expect(await screen.findByText(/Showing unread messages only/)).toBeInTheDocument()
  })

  it('explains what the inbox is for when it is empty', async () => {
    serve(() => inbox([]))
    renderPage(routes, '/inbox')
    expect(await screen.findByRole('heading', { name: 'You have no messages yet' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: 'Inbox' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Check your alerts' })).toHaveAttribute('href', '/alerts')
    expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull()
  })

  it('says so when there are no unread messages', async () => {
    serve(() => inbox([], { total: 0, unread: 0 }))
    renderPage(routes, '/inbox?unread=true')
    expect(await screen.findByText('You have no unread messages.')).toBeInTheDocument()
  })
})
