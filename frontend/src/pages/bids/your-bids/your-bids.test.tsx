import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { Only } from '../../../app/require-role'
import { json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { SupplierBidsRoutes } from '../routes'

// As the app mounts it: only for suppliers, so the page starts once the session is known.
const routes = (
  <Route element={<Only roles={['supplier']} />}>
    <Route path="/supplier/bids/*" element={<SupplierBidsRoutes />} />
  </Route>
)
const item = (over = {}) => ({
  id: 'b1',
  reference: 'BID-7K2M9Q',
  opportunityId: 'o1',
  opportunityTitle: 'Graffiti removal in parks',
  organisationName: 'Patel Cleaning',
  status: 'draft',
  statusText: 'Draft',
  deadline: { at: '2026-07-01T11:00:00Z', text: 'midday on Wednesday 1 July 2026' },
  ...over,
})

describe('YourBids', () => {
  it('lists the organisation’s bids with their status, linking to each', async () => {
    const seen = mockServer((_req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === '/api/v1/supplier/bids')
        return json(200, { items: [item(), item({ id: 'b2', reference: 'BID-2', opportunityTitle: 'Park benches', status: 'submitted', statusText: 'Submitted' })] })
      return undefined
    })
    renderPage(routes, '/supplier/bids')
    const rows = (await screen.findAllByRole('row')).slice(1)
    expect(screen.getByRole('heading', { level: 1, name: 'Your bids' })).toBeInTheDocument()
    expect(within(rows[0]).getByRole('link', { name: /Graffiti removal in parks/ })).toHaveAttribute('href', '/bids/b1')
    expect(rows[0]).toHaveTextContent('midday on Wednesday 1 July 2026')
    expect(within(rows[0]).getByText('Draft')).toHaveClass('govuk-tag')
    expect(within(rows[1]).getByText('Submitted')).toHaveClass('govuk-tag')
    const asked = seen.filter((r) => new URL(r.url).pathname === '/api/v1/supplier/bids')
    expect(asked).toHaveLength(1)
    expect(new URL(asked[0].url).searchParams.get('organisationId')).toBe(supplier.organisations[0].id)
  })

  it('says how to start when there are none', async () => {
    mockServer((_req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === '/api/v1/supplier/bids') return json(200, { items: [] })
      return undefined
    })
    renderPage(routes, '/supplier/bids')
    expect(await screen.findByText(/You have not started any bids/)).toHaveTextContent('select ‘Start a bid’ on its page')
  })
})
