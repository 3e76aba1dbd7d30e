import { screen } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { summary } from '../fixtures'
import { Pipeline } from './pipeline'

const planned = {
  ...summary,
  id: 'p1',
  reference: 'FT-2026-000200',
  status: 'planned',
  statusText: 'Planned',
  title: 'School meals from 2027',
  summary: 'Hot meals for 30 primary schools.',
  procedure: 'open_tender',
  procedureLabel: 'Open tender',
  valueText: '£2,000,000 (without VAT)',
  submissionDeadline: undefined,
  daysLeft: undefined,
  expectedQuarter: '2027-Q2',
  expectedQuarterText: 'April to June 2027',
  suitableForVcses: true,
  cpvCodes: ['55524000-9'],
}

describe('Pipeline', () => {
  it('lists planned work with when it is expected, its value and kind of work, each linking to its page', async () => {
    const page = { items: [planned], total: 21, page: 2, pageSize: 20, sort: 'closing' }
    const seen = mockServer((req, url) => (url.pathname === '/api/v1/pipeline' ? json(200, page) : anonymous(req, url)))
    renderPage(<Route path="/opportunities/pipeline" element={<Pipeline />} />, '/opportunities/pipeline?page=2')
    expect(await screen.findByRole('heading', { name: '21 planned contracts' })).toBeInTheDocument()
    expect(new URL(seen.find((r) => new URL(r.url).pathname === '/api/v1/pipeline')!.url).searchParams.get('page')).toBe('2')
    expect(screen.getByRole('link', { name: 'School meals from 2027' })).toHaveAttribute('href', '/opportunities/p1')
    const item = screen.getByRole('link', { name: 'School meals from 2027' }).closest('li')!
    expect(item).toHaveTextContent('Expected to open for bids:April to June 2027')
    expect(item).toHaveTextContent('Value:£2,000,000 (without VAT)')
    expect(item).toHaveTextContent('CPV code:55524000-9')
    expect(item).toHaveTextContent('Suitable for VCSEs')
    expect(screen.getByRole('link', { name: /Previous/ })).toHaveAttribute('href', '/opportunities/pipeline')
  })
})
