import { screen, waitFor } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { buyer, homeCare, serve } from '../fixtures'
import { DpsRoutes } from '../routes'

const routes = <Route path="/dps/*" element={<DpsRoutes />} />

describe('DpsList', () => {
  it('shows anyone what each list buys, whether it is open and how many categories it has', async () => {
    serve(undefined, (_req, url) => (url.pathname === '/api/v1/dps' ? json(200, { items: [homeCare(), homeCare({ id: 'x', title: 'Old list', status: 'closed' })] }) : undefined))
    renderPage(routes, '/dps')
    expect(await screen.findByRole('heading', { level: 1, name: 'Join a supplier list' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Home care and support' })).toHaveAttribute('href', `/dps/${homeCare().id}`)
    expect(screen.getAllByText('Care at home for older and disabled residents.')).toHaveLength(2)
    expect(screen.getAllByText(/2 categories\. From 1 April 2026 to 31 March 2030\./)).toHaveLength(2)
    expect(screen.getByText('Open')).toHaveClass('govuk-tag--green')
    expect(screen.getByText('Closed')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Set up a supplier list' })).not.toBeInTheDocument()
    await waitFor(() => expect(document.title).toMatch(/^Join a supplier list/))
  })

  it('links a supplier to their applications', async () => {
    serve(supplier, (_req, url) => (url.pathname === '/api/v1/dps' ? json(200, { items: [] }) : undefined))
    renderPage(routes, '/dps')
    expect(await screen.findByRole('link', { name: 'Your applications' })).toHaveAttribute('href', '/dps-applications')
    expect(screen.getByText('There are no supplier lists at the moment. Check again later.')).toBeInTheDocument()
  })

  it('shows buyers their drafts apart, and lets them set one up and see the queue', async () => {
    serve(buyer, (_req, url) =>
      url.pathname === '/api/v1/dps' ? json(200, { items: [homeCare({ id: 'd1', title: 'Meals on wheels', status: 'draft' }), homeCare()] }) : undefined,
    )
    renderPage(routes, '/dps')
    expect(await screen.findByRole('button', { name: 'Set up a supplier list' })).toHaveAttribute('href', '/dps/new')
    expect(screen.getByRole('link', { name: 'Applications waiting for a decision' })).toHaveAttribute('href', '/dps/queue')
    expect(screen.getByRole('heading', { level: 2, name: 'Drafts' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 3, name: 'Meals on wheels' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 3, name: 'Home care and support' })).toBeInTheDocument()
  })
})
