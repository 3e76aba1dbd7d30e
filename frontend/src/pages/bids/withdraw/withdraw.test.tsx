import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { bid, ids } from '../fixtures'
import { BidsRoutes } from '../routes'
import { bidServer } from '../test-server'

const routes = <Route path="/bids/*" element={<BidsRoutes />} />
const submitted = () => bid({ status: 'submitted', statusText: 'Submitted', missing: [], receiptHash: 'ab'.repeat(32) })

describe('Withdraw', () => {
  it('asks first, then withdraws and offers to submit again', async () => {
    const s = bidServer({ bid: submitted() })
    s.extra = (req, url) => {
      if (req.method !== 'POST' || url.pathname !== `/api/v1/bids/${ids.bid}/withdraw`) return undefined
      s.bid = { ...s.bid, status: 'withdrawn', statusText: 'Withdrawn', version: s.bid.version + 1 }
      return json(200, s.bid)
    }
    renderPage(routes, `/bids/${ids.bid}/withdraw`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Are you sure you want to withdraw your bid?' })).toBeInTheDocument()
    expect(screen.getByText(/A withdrawn bid does not count/)).toBeInTheDocument()
    expect(s.requests.some((r) => r.method === 'POST')).toBe(false)
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw your bid' }))
    expect(await screen.findByText('Withdrawn')).toHaveClass('govuk-tag')
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`^/bids/${ids.bid}$`)))
    expect(screen.getByRole('link', { name: 'Check your answers and submit again' })).toHaveAttribute('href', `/bids/${ids.bid}/check`)
  })

  it('says why the bid cannot be withdrawn, as the server puts it', async () => {
    const s = bidServer({ bid: submitted() })
    s.extra = (req) => (req.method === 'POST' ? json(409, { status: 409, detail: 'The deadline has passed, so this bid can no longer be withdrawn.' }) : undefined)
    renderPage(routes, `/bids/${ids.bid}/withdraw`)
    await userEvent.click(await screen.findByRole('button', { name: 'Withdraw your bid' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The deadline has passed, so this bid can no longer be withdrawn.')
    expect(document.title).toMatch(/^Error: /)
  })
})
