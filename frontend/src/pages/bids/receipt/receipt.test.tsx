import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { bid, ids, receipt } from '../fixtures'
import { BidsRoutes } from '../routes'
import { bidServer } from '../test-server'

const routes = <Route path="/bids/*" element={<BidsRoutes />} />

describe('Receipt', () => {
  it('shows the version asked for: reference, time to the second, each item’s SHA-256 and the receipt hash', async () => {
    const s = bidServer({ bid: bid({ status: 'submitted', statusText: 'Submitted', missing: [] }) })
    s.extra = (_req, url) =>
      url.pathname === `/api/v1/bids/${ids.bid}/receipt` && url.searchParams.get('version') === '4' ? json(200, receipt) : undefined
    renderPage(routes, `/bids/${ids.bid}/receipt?version=4`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Receipt for bid BID-7K2M9Q' })).toBeInTheDocument()
    expect(document.querySelector('.app-receipt')).not.toBeNull()
    expect(screen.getByText('Received', { selector: 'dt' }).parentElement).toHaveTextContent('11:15:42am on Tuesday 30 June 2026 (UK time)')
    // Which submission, not the count of saves a version number is.
    expect(screen.getByText('Submission', { selector: 'dt' }).parentElement).toHaveTextContent('First submission')
    expect(screen.getByText('Saved version', { selector: 'dt' }).parentElement).toHaveTextContent('4 (it counts every save')
    const table = screen.getByRole('table', { name: 'Answers and files with their SHA-256' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows[0]).toHaveTextContent('Answer to question 2' + 'a'.repeat(64))
    expect(rows[1]).toHaveTextContent('method.pdf (2.3 MB) for 3. Upload your method statement' + 'b'.repeat(64))
    expect(screen.getByTestId('receipt-hash')).toHaveTextContent(receipt.receiptHash)
    expect(screen.getByRole('button', { name: 'Print this receipt' })).toBeInTheDocument()
  })

  it('says a resubmission replaces the earlier ones', async () => {
    const s = bidServer({ bid: bid({ status: 'submitted', statusText: 'Submitted', missing: [] }) })
    s.extra = (_req, url) => (url.pathname === `/api/v1/bids/${ids.bid}/receipt` ? json(200, { ...receipt, version: 9, submission: 2 }) : undefined)
    renderPage(routes, `/bids/${ids.bid}/receipt`)
    const row = (await screen.findByText('Submission', { selector: 'dt' })).parentElement
    expect(row).toHaveTextContent('Submission 2: it replaces the earlier ones, which no longer count')
  })
})
