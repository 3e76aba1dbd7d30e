import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { answer, bid, ids, receipt } from '../fixtures'
import { BidsRoutes } from '../routes'
import { bidServer } from '../test-server'

const routes = <Route path="/bids/*" element={<BidsRoutes />} />
const submitPath = `/api/v1/bids/${ids.bid}/submit`
const answered = () =>
  bid({
    missing: [],
    answers: [
      answer({ questionId: ids.insured, passFail: 'yes' }),
      answer({ questionId: ids.method, text: 'We scrub every bench.', wordCount: 4 }),
      answer({ questionId: ids.price, lines: [{ lineId: 'line1', lotId: '', unitPricePence: 250 }] }),
    ],
    totals: [{ lotId: '', totalPence: 70_000, totalText: '£700' }],
    documents: [{ id: 'd1', questionId: ids.plan, filename: 'method.pdf', size: 10, sha256: 'b'.repeat(64), contentType: 'application/pdf', uploadedAt: '2026-06-20T13:05:00Z', uploadedBy: 'Sam Patel' }],
  })

describe('CheckAnswers', () => {
  it('lists what is missing, each linking to its question', async () => {
    bidServer()
    renderPage(routes, `/bids/${ids.bid}/check`)
    const missing = await screen.findByRole('heading', { name: 'You still need to answer' })
    const list = missing.parentElement!
    expect(within(list).getByRole('link', { name: 'Question 2: answer How will you do the work?' })).toHaveAttribute(
      'href',
      `/bids/${ids.bid}/questions/${ids.method}`,
    )
    expect(within(list).getAllByRole('link')).toHaveLength(4)
  })

  it('shows each answer with a link to change it', async () => {
    bidServer({ bid: answered() })
    renderPage(routes, `/bids/${ids.bid}/check`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answers before submitting your bid' })).toBeInTheDocument()
    const row = (key: RegExp) => screen.getByText(key, { selector: 'dt' }).parentElement!
    expect(row(/^1\. Do you hold/)).toHaveTextContent('Yes')
    expect(row(/^2\. How will you/)).toHaveTextContent('We scrub every bench. (4 words of 5)')
    expect(row(/^3\. Upload/)).toHaveTextContent('method.pdf')
    expect(row(/^4\. Your prices/)).toHaveTextContent('£700 in total')
    expect(row(/^5\. Local jobs/)).toHaveTextContent('Not answered')
    expect(within(row(/^2\. How will you/)).getByRole('link', { name: /Change\s*your answer to question 2/ })).toHaveAttribute(
      'href',
      `/bids/${ids.bid}/questions/${ids.method}`,
    )
    expect(screen.queryByRole('heading', { name: 'You still need to answer' })).not.toBeInTheDocument()
  })

  it('submits with one idempotency key per attempt, reused when the attempt is retried, and shows the receipt', async () => {
    const s = bidServer({ bid: answered() })
    let calls = 0
    s.extra = (_req, url) => {
      if (url.pathname !== submitPath) return undefined
      calls++
      if (calls === 1) return json(503, { status: 503, title: 'Service Unavailable' })
      s.bid = { ...s.bid, status: 'submitted', statusText: 'Submitted', receiptHash: receipt.receiptHash }
      return json(200, receipt)
    }
    renderPage(routes, `/bids/${ids.bid}/check`)
    await userEvent.click(await screen.findByRole('button', { name: 'Submit your bid' }))
    // The service failed: the page offers to try again, keeping the same attempt.
    await userEvent.click(await screen.findByRole('button', { name: /try again/i }))
    await userEvent.click(await screen.findByRole('button', { name: 'Submit your bid' }))
    const panel = await screen.findByRole('heading', { level: 1, name: 'Bid submitted' })
    expect(panel.parentElement).toHaveTextContent(/Your reference\s*BID-7K2M9Q/)
    const keys = s.requests.filter((r) => new URL(r.url).pathname === submitPath).map((r) => r.headers.get('Idempotency-Key'))
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(keys[1]).toBe(keys[0])
    expect(screen.getByText('We received your bid at 11:15:42am on Tuesday 30 June 2026 (UK time).', { exact: false })).toBeInTheDocument()
    expect(screen.getByText('b'.repeat(64))).toBeInTheDocument()
    expect(screen.getByTestId('receipt-hash')).toHaveTextContent(receipt.receiptHash)
    expect(screen.getByRole('link', { name: 'Print or save your receipt' })).toHaveAttribute('href', `/bids/${ids.bid}/receipt?version=${receipt.version}`)
  })

  it('makes a new key for a new attempt after the server said no, and lists what it found missing', async () => {
    const s = bidServer({ bid: answered() })
    s.extra = (_req, url) =>
      url.pathname === submitPath
        ? json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.questions[1].text', message: 'Question 2: answer How will you do the work?' }] })
        : undefined
    renderPage(routes, `/bids/${ids.bid}/check`)
    await userEvent.click(await screen.findByRole('button', { name: 'Submit your bid' }))
    const summary = await screen.findByRole('alert')
    expect(within(summary).getByText('Your bid has not been submitted')).toBeInTheDocument()
    expect(within(summary).getByRole('link', { name: 'Question 2: answer How will you do the work?' })).toHaveAttribute('href', `/bids/${ids.bid}/questions/${ids.method}`)
    await waitFor(() => expect(document.title).toMatch(/^Error: /))
    await userEvent.click(screen.getByRole('button', { name: 'Submit your bid' }))
    await waitFor(() => expect(s.requests.filter((r) => new URL(r.url).pathname === submitPath)).toHaveLength(2))
    const keys = s.requests.filter((r) => new URL(r.url).pathname === submitPath).map((r) => r.headers.get('Idempotency-Key'))
    expect(keys[1]).not.toBe(keys[0])
  })
})
