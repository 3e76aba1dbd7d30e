import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { RegisterInterestSlot } from '../../opportunities/register-interest-slot'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'

const id = '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b'
const path = `/api/v1/opportunities/${id}/interest`
const routes = (
  <Route
    path="/opportunities/:id"
    element={
      <>
        <h1>Office cleaning</h1>
        <RegisterInterestSlot opportunityId={id} />
      </>
    }
  />
)

describe('RegisterInterestSlot', () => {
  it('offers someone not signed in a link to sign in and come back', async () => {
    mockServer(anonymous)
    renderPage(routes, `/opportunities/${id}?from=search`)
    const link = await screen.findByRole('link', { name: 'Sign in to register interest' })
    expect(screen.getByText(/remind you 7 days and 48 hours before the deadline/)).toBeInTheDocument()
    await userEvent.click(link)
    expect(screen.getByTestId('location')).toHaveTextContent('/sign-in')
    expect(screen.getByTestId('location')).toHaveAttribute('data-state', JSON.stringify({ next: `/opportunities/${id}?from=search` }))
  })

  it('registers a supplier’s interest, shows since when, and stops it', async () => {
    document.cookie = 'ft_csrf=tok123; path=/'
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === path && req.method === 'GET') return json(200, { registered: false })
      if (url.pathname === path && req.method === 'POST') return json(200, { registered: true, since: '2026-03-02T23:30:00Z' })
      if (url.pathname === path && req.method === 'DELETE') return new Response(null, { status: 204 })
      return anonymous(req, url)
    })
    renderPage(routes, `/opportunities/${id}`)
    expect(await screen.findByText(/We will tell you if the council changes or cancels this opportunity/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Register interest' }))
    // 23:30 UTC on 2 March is still 2 March in London (GMT).
    expect(await screen.findByText('You registered interest on 2 March 2026.')).toBeInTheDocument()
    expect(document.getElementById('register-interest-status')).toHaveTextContent('You registered interest.')
    await userEvent.click(screen.getByRole('button', { name: 'Stop updates about this' }))
    expect(await screen.findByRole('button', { name: 'Register interest' })).toBeInTheDocument()
    expect(document.getElementById('register-interest-status')).toHaveTextContent('You will no longer get updates about this opportunity.')
    expect(seen.filter((r) => new URL(r.url).pathname.endsWith('/interest')).map((r) => r.method)).toEqual(['GET', 'POST', 'DELETE'])
    // It names the organisation it acts for, as the API needs for someone in several.
    expect(new URL(seen.find((r) => r.method === 'POST')!.url).searchParams.get('organisationId')).toBe(supplier.organisations[0].id)
    expect(seen.find((r) => r.method === 'POST')!.headers.get('X-CSRF-Token')).toBe('tok123')
  })

  it('says when the opportunity has closed', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === path && req.method === 'GET') return json(200, { registered: false })
      if (url.pathname === path)
        return json(409, { status: 409, title: 'Conflict', detail: 'This opportunity has closed: the deadline for bids has passed' })
      return anonymous(req, url)
    })
    renderPage(routes, `/opportunities/${id}`)
    await userEvent.click(await screen.findByRole('button', { name: 'Register interest' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Error: This opportunity has closed: the deadline for bids has passed')
  })

  it('shows a supplier who registered before since when', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === path) return json(200, { registered: true, since: '2026-06-30T23:30:00Z' })
      return anonymous(req, url)
    })
    renderPage(routes, `/opportunities/${id}`)
    // 23:30 UTC on 30 June is 1 July in London (BST).
    expect(await screen.findByText('You registered interest on 1 July 2026.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Stop updates about this' })).toBeInTheDocument()
  })

  it('shows council staff nothing, as they cannot bid', async () => {
    const seen = mockServer((req, url) => (url.pathname === '/api/v1/me' ? json(200, { ...supplier, role: 'buyer', organisations: [] }) : anonymous(req, url)))
    renderPage(routes, `/opportunities/${id}`)
    await screen.findByRole('link', { name: 'Your account' })
    expect(screen.queryByText(/register interest/i)).toBeNull()
    expect(seen.some((r) => r.url.endsWith('/interest'))).toBe(false)
  })
})
