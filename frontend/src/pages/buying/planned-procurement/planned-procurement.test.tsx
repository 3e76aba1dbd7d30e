import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { todayInLondon } from '../date-time'
import { buyer } from '../fixtures'
import { BuyingRoutes } from '../routes'
import { quarterText, upcomingQuarters } from './planned-procurement'

// Page tests drive a whole page with typing: slow on a busy machine.
describe('PlannedProcurement', () => {
  it('offers this quarter and the next ones, in words', () => {
    expect(upcomingQuarters('2026-11-26', 3)).toEqual(['2026-Q4', '2027-Q1', '2027-Q2'])
    expect(quarterText('2027-Q2')).toBe('April to June 2027')
  })

  it('adds a planned procurement to the pipeline in pence, and says so on the list', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, buyer)
      if (url.pathname === '/api/v1/local-authorities') return json(200, { items: [] })
      if (url.pathname === '/api/v1/cpv') return json(200, { items: [{ code: '90911300-9', description: 'Window-cleaning services', ancestors: [] }] })
      if (url.pathname === '/api/v1/pipeline' && req.method === 'POST') return json(201, {})
      if (url.pathname === '/api/v1/buyer/opportunities') return json(200, { items: [], total: 0, page: 1, pageSize: 100, sort: 'newest' })
      return anonymous(req, url)
    })
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/pipeline')
    await userEvent.click(await screen.findByRole('button', { name: 'Add to the pipeline' }))
    await screen.findByRole('alert')
    expect(screen.getByRole('link', { name: 'Choose when you expect to publish it' })).toHaveAttribute('href', '#expectedQuarter')
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)

    const quarter = upcomingQuarters(todayInLondon())[2]
    await userEvent.type(screen.getByLabelText('Title'), 'Library roof repairs')
    await userEvent.type(screen.getByLabelText('Summary'), 'Repairs to the roofs of 3 libraries.')
    await userEvent.selectOptions(screen.getByLabelText('When do you expect to publish it?'), quarter)
    await userEvent.type(screen.getByLabelText('Estimated value, without VAT'), '250,000')
    await userEvent.type(screen.getByLabelText('Search for a kind of work'), 'window{Enter}')
    await userEvent.click(await screen.findByRole('button', { name: /^Add\s*Window-cleaning services$/ }))
    await userEvent.type(screen.getByLabelText('Contact email address'), 'procurement@council.example')
    await userEvent.click(screen.getByRole('button', { name: 'Add to the pipeline' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/buying$/))
    const body = await seen.find((r) => r.method === 'POST')!.json()
    expect(body).toMatchObject({
      title: 'Library roof repairs',
      expectedQuarter: quarter,
      estimatedValuePence: 25_000_000,
      cpvCodes: ['90911300-9'],
      contactEmail: 'procurement@council.example',
    })
    expect(await screen.findByText('‘Library roof repairs’ is in the pipeline: suppliers can see it now')).toBeInTheDocument()
  })
})
