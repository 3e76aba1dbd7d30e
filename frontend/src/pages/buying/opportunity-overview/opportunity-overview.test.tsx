import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { completeDraft, serveOpportunity } from '../fixtures'
import { BuyingRoutes } from '../routes'

const open = () => completeDraft({ status: 'open', statusText: 'Open', timeLeftText: '39 days to bid' })
const sealed = { status: 'sealed', quorum: 2, confirmations: 0, receiptHashes: [], twoStage: false, pricesOpen: false, priceConfirmations: 0 }
const interested = {
  organisations: 2,
  people: 3,
  items: [
    { organisationId: 'o1', organisationName: 'Slate & Tile Ltd', people: 2, since: '2026-11-02T10:00:00Z' },
    { organisationId: 'o2', organisationName: 'Gutter Co-op', people: 1, since: '2026-11-03T15:30:00Z' },
  ],
}

function serve(view = open(), engagement: { interested?: unknown; opening?: unknown } = {}) {
  return serveOpportunity(
    () => view,
    (_req, url) => {
      if (url.pathname === `/api/v1/opportunities/${view.id}/interested`) return engagement.interested ? json(200, engagement.interested) : json(500, {})
      if (url.pathname === `/api/v1/opportunities/${view.id}/opening`) return json(200, engagement.opening ?? sealed)
      if (url.pathname === '/api/v1/clarifications/queue') return json(200, { items: [] })
      return undefined
    },
  )
}

describe('OpportunityOverview engagement', () => {
  it('counts and names the organisations that registered interest, and says the bids are sealed without counting them', async () => {
    serve(open(), { interested, opening: { ...sealed, sealedUntil: { text: '2pm on Tuesday 3 March 2027' } } })
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    expect(await screen.findByTestId('interest-count')).toHaveTextContent('2 organisations have registered interest (3 people).')
    await userEvent.click(screen.getByText('Who has registered interest'))
    const names = within(screen.getByText('Who has registered interest').closest('details')!).getAllByRole('listitem')
    expect(names.map((li) => li.textContent)).toEqual([
      'Slate & Tile Ltd (since 2 November 2026 at 10am, 2 people)',
      'Gutter Co-op (since 3 November 2026 at 3:30pm)',
    ])
    const bids = await screen.findByTestId('bid-count')
    expect(bids).toHaveTextContent('Bids are sealed until 2pm on Tuesday 3 March 2027')
    expect(bids.textContent).not.toMatch(/\d+ bids?\b/)
  })

  it('gives the count of bids once they are opened', async () => {
    serve(completeDraft({ status: 'closed', statusText: 'Closed' }), {
      interested: { organisations: 0, people: 0, items: [] },
      opening: { ...sealed, status: 'opened', openedAt: '2027-03-03T14:20:00Z', receiptHashes: ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)] },
    })
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    expect(await screen.findByTestId('bid-count')).toHaveTextContent('3 bids were opened on 3 March 2027 at 2:20pm.')
    expect(await screen.findByTestId('interest-count')).toHaveTextContent('No supplier has registered interest yet.')
  })

  it('keeps the page when who is interested cannot be loaded', async () => {
    serve(open())
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    expect(await screen.findByText('We could not load who has registered interest. Reload the page to try again.')).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 2, name: 'Documents' })).toBeInTheDocument()
  })
})
