import { screen } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, mockServer, anonymous } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { buyer } from '../fixtures'
import { BuyingRoutes } from '../routes'

const item = (id: string, status: string, title: string) => ({
  id,
  reference: `FT-2026-${id}`,
  status,
  statusText: status,
  title,
  summary: '',
  procedure: 'open_tender',
  procedureLabel: 'Open tender',
  estimatedValuePence: 100,
  valueText: '£1',
  placeOfDelivery: '',
  locality: '',
  suitableForSmes: false,
  suitableForVcses: false,
  reserved: 'none',
  timeLeftText: '3 days to bid',
  cpvCodes: [],
  expectedQuarterText: status === 'planned' ? 'April to June 2027' : undefined,
})

// Page tests drive a whole page with typing: slow on a busy machine.
describe('OpportunityList', () => {
  it('lists the opportunities by status, with a way to create one', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, buyer)
      if (url.pathname === '/api/v1/buyer/opportunities')
        return json(200, {
          items: [item('1', 'draft', 'Draft one'), item('2', 'open', 'Open one'), item('3', 'cancelled', 'Gone one'), item('4', 'planned', 'Plan one')],
          total: 4,
          page: 1,
          pageSize: 100,
          sort: 'newest',
        })
      return anonymous(req, url)
    })
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying?mine=true')
    expect(await screen.findByRole('table', { name: 'Drafts (1)' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Draft one' })).toHaveAttribute('href', '/buying/1')
    expect(screen.getByRole('table', { name: 'Published and open for bids (1)' })).toHaveTextContent('3 days to bid')
    expect(screen.getByText('There are no closed opportunities.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Plan one' })).toHaveAttribute('href', '/buying/pipeline/4')
    expect(screen.getByRole('button', { name: 'Create an opportunity' })).toHaveAttribute('href', '/buying/new')
    const asked = new URL(seen.find((r) => new URL(r.url).pathname === '/api/v1/buyer/opportunities')!.url)
    expect(Object.fromEntries(asked.searchParams)).toEqual({ status: 'all', pageSize: '100', mine: 'true' })
  })
})
