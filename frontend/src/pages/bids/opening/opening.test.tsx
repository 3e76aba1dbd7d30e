import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import type { BidOpening } from '../api-types'
import { BidsRoutes } from '../routes'

const buyer = { ...supplier, id: 'u-buyer', name: 'Bola Ade', role: 'buyer' as const, organisations: [] }
const routes = <Route path="/bids/*" element={<BidsRoutes />} />
const path = '/api/v1/opportunities/o1/opening'
const opening = (over: Partial<BidOpening> = {}): BidOpening => ({
  status: 'sealed',
  sealedUntil: { at: '2026-03-03T14:00:00Z', local: '2026-03-03T14:00', text: '2pm on Tuesday 3 March 2026' },
  quorum: 2,
  confirmations: 0,
  receiptHashes: [],
  twoStage: false,
  pricesOpen: false,
  priceConfirmations: 0,
  ...over,
})

function server(state: { o: BidOpening }) {
  return mockServer(async (req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, buyer)
    if (url.pathname === path && req.method === 'GET') return json(200, state.o)
    if (url.pathname === path && req.method === 'POST') {
      const body = (await req.json()) as { password: string; code: string }
      if (body.code !== '123456') return json(422, { status: 422, errors: [{ location: 'body.code', message: 'The code is not right. Try the one your app shows now.' }] })
      state.o = { ...state.o, confirmations: state.o.confirmations + 1 }
      return json(200, state.o)
    }
    if (url.pathname === '/api/v1/opportunities/o1/bids')
      return json(200, { items: [{ id: 'b1', reference: 'BID-1', opportunityId: 'o1', opportunityTitle: 'T', organisationName: 'Patel Cleaning', status: 'opened', statusText: 'Opened', deadline: state.o.sealedUntil, submittedAt: '2026-03-02T10:00:00Z', receiptHash: 'ab'.repeat(32) }] })
    return undefined
  })
}

describe('Opening', () => {
  it('says the bids are sealed until the deadline and offers no way to open them', async () => {
    server({ o: opening() })
    renderPage(routes, '/bids/opening/o1')
    expect(await screen.findByText(/Bids are sealed until 2pm on Tuesday 3 March 2026/)).toBeInTheDocument()
    expect(screen.getByText('Confirmations', { selector: 'dt' }).parentElement).toHaveTextContent('0 of 2 needed')
    expect(screen.queryByLabelText('Your password')).not.toBeInTheDocument()
  })

  it('takes a panel member’s confirmation with password and two-step code, and says what the server found wrong', async () => {
    const state = { o: opening({ status: 'ready' }) }
    const seen = server(state)
    renderPage(routes, '/bids/opening/o1')
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm the opening' }))
    expect(await screen.findByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password')
    await userEvent.type(screen.getByLabelText('Your password'), 'correct horse')
    await userEvent.type(screen.getByLabelText('Code from your authenticator app'), '654321')
    await userEvent.click(screen.getByRole('button', { name: 'Confirm the opening' }))
    expect(await screen.findByRole('link', { name: 'The code is not right. Try the one your app shows now.' })).toHaveAttribute('href', '#code')
    await userEvent.clear(screen.getByLabelText('Code from your authenticator app'))
    await userEvent.type(screen.getByLabelText('Code from your authenticator app'), '123 456')
    await userEvent.click(screen.getByRole('button', { name: 'Confirm the opening' }))
    await waitFor(() => expect(screen.getByText('Confirmations', { selector: 'dt' }).parentElement).toHaveTextContent('1 of 2 needed'))
    const posts = seen.filter((r) => r.method === 'POST')
    expect(await posts[1].json()).toEqual({ password: 'correct horse', code: '123456' })
  })

  it('lists the receipt hashes and the bids once opened', async () => {
    server({ o: opening({ status: 'opened', confirmations: 2, openedAt: '2026-03-03T15:00:00Z', receiptHashes: ['ab'.repeat(32)] }) })
    renderPage(routes, '/bids/opening/o1')
    expect(await screen.findByRole('heading', { name: 'Receipt hashes' })).toBeInTheDocument()
    const table = await screen.findByRole('table', { name: 'Bids opened' })
    const row = within(table).getAllByRole('row')[1]
    expect(row).toHaveTextContent('Patel Cleaning')
    expect(row).toHaveTextContent('BID-1')
    expect(row).toHaveTextContent('ab'.repeat(32))
  })

  it('is not for suppliers', async () => {
    mockServer((_req, url) => (url.pathname === '/api/v1/me' ? json(200, supplier) : undefined))
    renderPage(routes, '/bids/opening/o1')
    expect(await screen.findByRole('heading', { level: 1, name: 'You cannot use this page' })).toBeInTheDocument()
  })
})
