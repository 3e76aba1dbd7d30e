import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { BidSlot } from '../../opportunities/bid-slot'
import { form, ids } from '../fixtures'

const formPath = `/api/v1/opportunities/${ids.opportunity}/response-form`
const openingPath = `/api/v1/opportunities/${ids.opportunity}/opening`
const opp = (over = {}) => ({ id: ids.opportunity, status: 'open', submissionDeadline: { at: '2099-07-01T11:00:00Z' }, ...over })
const routes = (o = opp()) => <Route path="/opportunities/:id" element={<BidSlot opportunity={o} />} />
const summary = { id: ids.bid, reference: 'BID-7K2M9Q', opportunityId: ids.opportunity, opportunityTitle: 'Graffiti removal', organisationName: 'Patel Cleaning', deadline: { at: '2099-07-01T11:00:00Z' } }

describe('BidSection', () => {
  it('shows the response form to someone not signed in: what each question asks, its limits and what is scored', async () => {
    mockServer((req, url) => (url.pathname === formPath ? json(200, form) : anonymous(req, url)))
    renderPage(routes(), `/opportunities/${ids.opportunity}`)
    const section = await screen.findByRole('region', { name: 'What your bid must include' })
    expect(within(section).getByText('The council asks 5 questions.', { exact: false })).toBeInTheDocument()
    const q2 = within(section).getByRole('heading', { name: '2. How will you do the work?' }).parentElement!
    expect(q2).toHaveTextContent('Written answer')
    expect(q2).toHaveTextContent('Up to 5 words')
    expect(q2).toHaveTextContent('Scored under ‘How you will do the work’: 50% of its weight')
    expect(within(section).getByRole('heading', { name: /^1\./ }).parentElement).toHaveTextContent('Pass or fail: you must answer ‘Yes’')
    expect(within(section).getByRole('heading', { name: /^3\./ }).parentElement).toHaveTextContent('Up to 2 files: PDF, Word document (.docx)')
    expect(within(section).getByRole('heading', { name: /^4\./ }).parentElement).toHaveTextContent('Graffiti removal: 120 square metres')
    expect(within(section).getByRole('heading', { name: /^5\./ }).parentElement).toHaveTextContent('No, optional')
    expect(await screen.findByRole('link', { name: 'Sign in to start a bid' })).toHaveAttribute('href', '/sign-in')
    expect(screen.queryByText(/opens bids in two stages/)).not.toBeInTheDocument()
  })

  it('says when prices are opened only after the quality scores', async () => {
    mockServer((req, url) => (url.pathname === formPath ? json(200, { ...form, twoStage: true }) : anonymous(req, url)))
    renderPage(routes(), `/opportunities/${ids.opportunity}`)
    expect(await screen.findByText(/opens bids in two stages/)).toHaveTextContent('opens the prices only after those scores are agreed')
  })

  it('starts a bid for the organisation the supplier acts for and goes to its task list', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === formPath) return json(200, form)
      if (url.pathname === '/api/v1/supplier/bids') return json(200, { items: [] })
      if (url.pathname === `/api/v1/opportunities/${ids.opportunity}/bids` && req.method === 'POST')
        return json(201, { ...summary, status: 'draft' })
      return anonymous(req, url)
    })
    renderPage(routes(), `/opportunities/${ids.opportunity}`)
    await userEvent.click(await screen.findByRole('button', { name: 'Start a bid' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/bids/${ids.bid}`))
    const post = seen.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({ organisationId: supplier.organisations[0].id, lotIds: [] })
  })

  it('offers to continue the organisation’s draft instead of starting another', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === formPath) return json(200, form)
      if (url.pathname === '/api/v1/supplier/bids') return json(200, { items: [{ ...summary, status: 'draft', statusText: 'Draft' }] })
      return anonymous(req, url)
    })
    renderPage(routes(), `/opportunities/${ids.opportunity}`)
    expect(await screen.findByRole('button', { name: 'Continue your bid' })).toHaveAttribute('href', `/bids/${ids.bid}`)
    expect(screen.queryByRole('button', { name: 'Start a bid' })).not.toBeInTheDocument()
    expect(screen.getByText('Draft')).toHaveClass('govuk-tag')
  })

  it('shows council staff the form but no way to bid', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, { ...supplier, role: 'buyer', organisations: [] })
      if (url.pathname === formPath) return json(200, form)
      return anonymous(req, url)
    })
    renderPage(routes(), `/opportunities/${ids.opportunity}`)
    expect(await screen.findByRole('heading', { name: '2. How will you do the work?' })).toBeInTheDocument()
    // The buyer's navigation shows once the session is known, so the section has decided too.
    expect(await screen.findByRole('link', { name: 'Your opportunities' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /bid/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('link', { name: /Sign in to start a bid/ })).not.toBeInTheDocument()
    expect(seen.some((r) => new URL(r.url).pathname === '/api/v1/supplier/bids')).toBe(false)
  })

  it('offers no way to bid once bids have closed, but still shows the form', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === formPath) return json(200, form)
      if (url.pathname === '/api/v1/supplier/bids') return json(200, { items: [] })
      return anonymous(req, url)
    })
    renderPage(routes(opp({ submissionDeadline: { at: '2020-07-01T11:00:00Z' } })), `/opportunities/${ids.opportunity}`)
    expect(await screen.findByRole('heading', { name: '2. How will you do the work?' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Start a bid' })).not.toBeInTheDocument()
  })

  it('publishes the receipt hashes once the bids are opened', async () => {
    mockServer((req, url) => {
      if (url.pathname === formPath) return json(200, form)
      if (url.pathname === openingPath)
        return json(200, { status: 'opened', sealedUntil: { at: '2020-07-01T11:00:00Z' }, quorum: 2, confirmations: 2, openedAt: '2020-07-01T12:00:00Z', receiptHashes: ['ab'.repeat(32), 'cd'.repeat(32)] })
      return anonymous(req, url)
    })
    renderPage(routes(opp({ status: 'closed' })), `/opportunities/${ids.opportunity}`)
    const section = await screen.findByRole('region', { name: 'Bids opened' })
    expect(section).toHaveTextContent('of the 2 bids it opened')
    expect(within(section).getByText('ab'.repeat(32))).toBeInTheDocument()
    expect(within(section).getByText('cd'.repeat(32))).toBeInTheDocument()
  })
})
