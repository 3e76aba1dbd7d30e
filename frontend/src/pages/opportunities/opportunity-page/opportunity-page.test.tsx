import { screen, waitFor, within } from '@testing-library/react'
import { Route } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { anonymous, json, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { view } from '../fixtures'
import type { OpportunityView } from '../types'
import { OpportunityPage } from './opportunity-page'

const route = <Route path="/opportunities/:id" element={<OpportunityPage />} />

function serve(o: OpportunityView | Response) {
  return mockServer((req, url) => {
    if (url.pathname === `/api/v1/opportunities/${view.id}`) return o instanceof Response ? o : json(200, o)
    return anonymous(req, url)
  })
}

const main = () => document.getElementById('main-content')!

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
})

afterEach(() => {
  vi.useRealTimers()
})

describe('OpportunityPage', () => {
  it('shows an open opportunity in plain English, with days to bid counted in London', async () => {
    // 23:30 UTC on 7 June is already 12:30am on 8 June in London: 23 days, not 24.
    vi.setSystemTime(new Date('2026-06-07T23:30:00Z'))
    serve(view)
    renderPage(route, `/opportunities/${view.id}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Graffiti removal in parks' })).toBeInTheDocument()
    await waitFor(() => expect(document.title).toBe('Graffiti removal in parks – Find and win council work – Islington Council'))
    expect(screen.getByText('23 days to bid')).toBeInTheDocument()
    expect(screen.getByText('Bids must arrive by midday on Wednesday 1 July 2026.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Add the deadlines to your calendar' })).toHaveAttribute(
      'href',
      `/api/v1/opportunities/${view.id}/calendar.ics`,
    )
    expect(screen.getByRole('link', { name: 'Back' })).toHaveAttribute('href', '/opportunities')

    const text = main().textContent ?? ''
    expect(text).toContain('Remove graffiti from benches and walls in 12 parks.')
    expect(text).toContain('Work must be done before 8am.')
    const facts = screen.getByRole('heading', { name: 'Key facts' }).nextElementSibling as HTMLElement
    const row = (key: string) => within(facts).getByText(key).nextElementSibling?.textContent
    expect(row('Value')).toBe('£45,000 (without VAT)')
    expect(row('Contract length')).toBe('2 years')
    expect(row('Where the work is done')).toBe('Islington – In the council’s own area')
    expect(row('How to bid')).toBe('Quick quote (below the threshold)')
    expect(row('Reference')).toBe('FT-2026-000123')
    expect(row('Deadline for questions')).toBe('midday on Wednesday 24 June 2026')
    expect(row('Deadline for bids')).toBe('midday on Wednesday 1 July 2026')
    expect(row('Expected award date')).toBe('3 August 2026')

    // Who can bid, with the reservation explained.
    expect(text).toContain('Only organisations based in Islington can bid.')
    expect(text).toContain('Councils can do this for contracts worth less than £214,904')

    // How bids are judged, with the weights and the reason social value weighs less.
    const table = screen.getByRole('table', { name: 'What each part of a bid is worth' })
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'What is judgedKindShare of the score',
      'PricePrice45%',
      'How you will do the workMethods, staff and equipment.Quality40%',
      'Local jobsSocial value15%',
    ])
    expect(text).toContain('counts for 15% of the score')
    expect(screen.getByRole('heading', { name: 'Why social value counts for less than 20%' })).toBeInTheDocument()
    expect(text).toContain('The work is short and specialised.')
    expect(text).toContain('Graffiti removal services 90690000-0')

    // Documents: the current one to download with its size; the replaced one kept apart.
    const doc = screen.getByRole('link', { name: 'specification.pdf' })
    expect(doc).toHaveAttribute('href', `/api/v1/opportunities/${view.id}/documents/d1`)
    expect(doc.parentElement).toHaveTextContent('PDF, 1.2 MB, added 1 June 2026')
    expect(screen.getByText('Earlier versions of documents')).toBeInTheDocument()

    // What has changed.
    expect(screen.getByRole('heading', { name: 'Change 1: 5 June 2026 at 10am' })).toBeInTheDocument()
    expect(text).toContain('More time to bid, because of the bank holiday.')
    expect(text).toContain('Was: midday on 24 June 2026')
    expect(text).toContain('Now: midday on 1 July 2026')
  })

  it('says the last day is today from midnight in London, and closed once the deadline passes', async () => {
    vi.setSystemTime(new Date('2026-06-30T23:00:00Z'))
    serve(view)
    renderPage(route, `/opportunities/${view.id}`)
    expect(await screen.findByText('Closes today at midday')).toBeInTheDocument()
  })

  it('shows a page left open past the deadline as closed, without the calendar link', async () => {
    vi.setSystemTime(new Date('2026-07-01T11:00:00Z'))
    serve(view)
    renderPage(route, `/opportunities/${view.id}`)
    expect(await screen.findByText(/This opportunity closed to bids at midday on Wednesday 1 July 2026/)).toBeInTheDocument()
    expect(screen.getByText('Closed')).toHaveClass('govuk-tag')
    expect(screen.queryByRole('link', { name: 'Add the deadlines to your calendar' })).toBeNull()
  })

  it('says clearly that a cancelled opportunity was cancelled, and why', async () => {
    vi.setSystemTime(new Date('2026-06-10T09:00:00Z'))
    serve({ ...view, status: 'cancelled', cancelledAt: '2026-06-09T10:00:00Z', cancelReason: 'The parks budget was cut.' })
    renderPage(route, `/opportunities/${view.id}`)
    expect(await screen.findByText(/The council cancelled this opportunity on 9 June 2026/)).toBeInTheDocument()
    expect(screen.getByText('The parks budget was cut.')).toBeInTheDocument()
    expect(screen.queryByText(/days to bid/)).toBeNull()
  })

  it('says why a call for competition’s documents are not listed for someone outside the DPS', async () => {
    vi.setSystemTime(new Date('2026-06-10T09:00:00Z'))
    const why = 'This is a call for competition under a DPS: only suppliers admitted to its categories can see the documents and bid.'
    serve({ ...view, documents: [], documentsHiddenReason: why })
    renderPage(route, `/opportunities/${view.id}`)
    expect(await screen.findByText(why)).toBeInTheDocument()
    expect(screen.queryByText('There are no documents for this opportunity.')).toBeNull()
  })

  it('shows the page not found for an unknown opportunity', async () => {
    serve(json(404, { status: 404, title: 'Not Found' }))
    renderPage(route, `/opportunities/${view.id}`)
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument()
  })
})
