import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { renderPage } from '../../../test/render'
import { answer, bid, ids, withLots } from '../fixtures'
import { BidsRoutes } from '../routes'
import { bidServer } from '../test-server'

const routes = <Route path="/bids/*" element={<BidsRoutes />} />

function statusOf(name: RegExp | string) {
  const link = screen.getByRole('link', { name })
  return link.closest('li')!.querySelector('.govuk-task-list__status')!.textContent
}

describe('BidTasks', () => {
  it('lists each question as a task with its status, and who changed the bid last', async () => {
    bidServer({
      bid: bid({
        answers: [
          answer({ questionId: ids.insured, passFail: 'yes' }),
          answer({ questionId: ids.method, text: 'We scrub.', wordCount: 2 }),
        ],
        // The server still finds the written answer short of something.
        missing: [
          { questionId: ids.method, field: 'questions[1].text', message: 'Question 2: your answer has 6 words, more than the limit of 5' },
          { questionId: ids.plan, field: 'questions[2].documents', message: 'Question 3: upload Upload your method statement' },
          { questionId: ids.price, field: 'questions[3].prices', message: 'Question 4: give your price' },
        ],
        lastChange: { by: 'Ada Obi', at: '2026-06-20T13:05:00Z', questionId: ids.method },
      }),
    })
    renderPage(routes, `/bids/${ids.bid}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Your bid' })).toBeInTheDocument()
    expect(statusOf(/^1\. Do you hold/)).toBe('Completed')
    expect(statusOf(/^2\. How will you do the work/)).toBe('In progress')
    expect(statusOf(/^3\. Upload your method statement/)).toBe('Not started')
    expect(statusOf(/^5\. Local jobs/)).toBe('Not started')
    expect(screen.getByText('3 questions still need an answer.', { exact: false })).toBeInTheDocument()
    expect(screen.getByText('Last changed by Ada Obi on 20 June 2026 at 2:05pm')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Check your answers' })).toHaveAttribute('href', `/bids/${ids.bid}/check`)
  })

  it('says a price cannot be started until lots are chosen, when the opportunity has lots', async () => {
    bidServer({ opportunity: withLots })
    renderPage(routes, `/bids/${ids.bid}`)
    const lots = await screen.findByRole('link', { name: 'Choose the lots you are bidding for' })
    expect(lots).toHaveAttribute('href', `/bids/${ids.bid}/lots`)
    const price = screen.getByText('4. Your prices').closest('li')!
    expect(within(price).queryByRole('link')).not.toBeInTheDocument()
    expect(price).toHaveTextContent('Choose the lots you are bidding for first')
    expect(price.querySelector('.govuk-task-list__status')).toHaveTextContent('Cannot start yet')
  })

  it('shows a submitted bid’s status and links to its receipt and to withdraw, not to change answers', async () => {
    // Versions count every save: the earlier submission was version 4, the latest is 7.
    bidServer({ bid: bid({ status: 'submitted', statusText: 'Submitted', receiptHash: 'ab'.repeat(32), submittedVersion: 7, earlierVersions: [4], missing: [] }) })
    renderPage(routes, `/bids/${ids.bid}`)
    expect(await screen.findByText('Submitted')).toHaveClass('govuk-tag')
    expect(screen.getByRole('link', { name: 'See your receipt' })).toHaveAttribute('href', `/bids/${ids.bid}/receipt`)
    expect(screen.getAllByRole('link', { name: /^Receipt for the earlier version/ }).map((l) => l.getAttribute('href'))).toEqual([
      `/bids/${ids.bid}/receipt?version=4`,
    ])
    expect(screen.getByRole('link', { name: 'Withdraw your bid' })).toHaveAttribute('href', `/bids/${ids.bid}/withdraw`)
    expect(screen.queryByRole('link', { name: /How will you do the work/ })).not.toBeInTheDocument()
  })

  it('lets the bidder confirm that a bid submitted before an amendment still stands', async () => {
    const server = bidServer({
      bid: bid({ status: 'submitted', statusText: 'Submitted', receiptHash: 'ab'.repeat(32), submittedVersion: 1, submittedBeforeAmendment: 2, missing: [] }),
      extra: (req, url) => {
        if (url.pathname !== `/api/v1/bids/${ids.bid}/confirm` || req.method !== 'POST') return undefined
        server.bid = {
          ...server.bid,
          submittedBeforeAmendment: undefined,
          standsConfirmed: { afterAmendment: 2, at: '2026-06-20T13:05:00Z', by: 'Sam Patel', text: 'You confirmed on 20 June 2026 at 2:05pm that your bid stands after amendment 2' },
        }
        return new Response(JSON.stringify(server.bid), { status: 200, headers: { 'Content-Type': 'application/json' } })
      },
    })
    renderPage(routes, `/bids/${ids.bid}`)
    expect(await screen.findByText('Your bid was submitted before amendment 2')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Confirm your bid still stands' }))
    expect(await screen.findByText('You confirmed on 20 June 2026 at 2:05pm that your bid stands after amendment 2')).toBeInTheDocument()
    expect(screen.queryByText('Your bid was submitted before amendment 2')).not.toBeInTheDocument()
    expect(server.requests.some((r) => r.method === 'POST' && new URL(r.url).pathname === `/api/v1/bids/${ids.bid}/confirm`)).toBe(true)
  })

  it('says the bid cannot be found when the server refuses it', async () => {
    bidServer({ extra: (_req, url) => (url.pathname === `/api/v1/bids/${ids.bid}` ? new Response(JSON.stringify({ status: 403 }), { status: 403 }) : undefined) })
    renderPage(routes, `/bids/${ids.bid}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument()
  })
})
