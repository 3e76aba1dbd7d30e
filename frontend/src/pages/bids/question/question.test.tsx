import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { renderPage } from '../../../test/render'
import { answer, bid, ids, question, withLots } from '../fixtures'
import { BidsRoutes } from '../routes'
import { bidServer, bodies } from '../test-server'

const routes = <Route path="/bids/*" element={<BidsRoutes />} />
const page = (q: string) => `/bids/${ids.bid}/questions/${q}`
const put = `/api/v1/bids/${ids.bid}`

describe('BidQuestion', () => {
  it('counts words against the limit and refuses an answer over it without saving', async () => {
    const s = bidServer()
    renderPage(routes, page(ids.method))
    const box = await screen.findByRole('textbox', { name: 'How will you do the work?' })
    expect(screen.getByText('Question 2 of 5')).toBeInTheDocument()
    expect(box).toHaveAccessibleDescription(expect.stringContaining('Scored under ‘How you will do the work’: 50% of its weight'))
    expect(screen.getByText('You have 5 words remaining')).toBeInTheDocument()
    await userEvent.type(box, 'We scrub every bench twice daily')
    expect(screen.getByText('You have 1 word too many')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    const summary = await screen.findByRole('alert')
    expect(within(summary).getByRole('link', { name: 'Your answer must be 5 words or fewer' })).toHaveAttribute('href', '#text')
    expect(document.title).toMatch(/^Error: /)
    expect(s.requests.some((r) => r.method === 'PUT')).toBe(false)
  })

  it('saves only this answer, with If-Match, and goes back to the task list', async () => {
    const s = bidServer()
    renderPage(routes, page(ids.method))
    await userEvent.type(await screen.findByRole('textbox', { name: 'How will you do the work?' }), 'We scrub every bench.')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`^/bids/${ids.bid}$`)))
    expect(await bodies(s, 'PUT', put)).toEqual([{ answers: [{ questionId: ids.method, text: 'We scrub every bench.' }] }])
    expect(s.requests.find((r) => r.method === 'PUT')!.headers.get('If-Match')).toBe('"3"')
    expect(await screen.findByText('Last changed by Sam Patel on 20 June 2026 at 2:05pm')).toBeInTheDocument()
  })

  it('says plainly when someone else saved first, and shows their answer', async () => {
    bidServer({
      theirChange: (b) => ({ ...b, answers: [answer({ questionId: ids.method, text: 'Ada’s answer', wordCount: 2, updatedBy: 'Ada Obi', updatedAt: '2026-06-20T13:00:00Z' })] }),
    })
    renderPage(routes, page(ids.method))
    await userEvent.type(await screen.findByRole('textbox', { name: 'How will you do the work?' }), 'Mine')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    const banner = await screen.findByRole('region', { name: 'Important' })
    expect(banner).toHaveTextContent('Someone else changed this bid')
    expect(banner).toHaveTextContent('your changes on this page were not saved')
    expect(screen.getByRole('textbox', { name: 'How will you do the work?' })).toHaveValue('Ada’s answer')
    expect(screen.getByText('Last changed by Ada Obi on 20 June 2026 at 2pm')).toBeInTheDocument()
    expect(screen.getByTestId('location')).toHaveTextContent(page(ids.method))
  })

  it('answers yes or no', async () => {
    const s = bidServer()
    renderPage(routes, page(ids.insured))
    const group = await screen.findByRole('group', { name: 'Do you hold £5m public liability insurance?' })
    expect(group).toHaveAccessibleDescription(expect.stringContaining('Pass or fail: you must answer ‘Yes’'))
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    expect(await screen.findByRole('link', { name: 'Select yes or no' })).toHaveAttribute('href', '#passFail')
    await userEvent.click(within(group).getByRole('radio', { name: 'Yes' }))
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(async () => expect(await bodies(s, 'PUT', put)).toEqual([{ answers: [{ questionId: ids.insured, passFail: 'yes' }] }]))
  })

  it('works out line totals and the total of a pricing schedule as the supplier types', async () => {
    const s = bidServer()
    renderPage(routes, page(ids.price))
    const first = await screen.findByRole('textbox', { name: 'Unit price for Graffiti removal' })
    await userEvent.type(first, '2.50')
    const row1 = first.closest('tr')!
    expect(row1).toHaveTextContent('120 square metres')
    expect(row1).toHaveTextContent('£300')
    expect(screen.getByText('£300 so far')).toBeInTheDocument()
    await userEvent.type(screen.getByRole('textbox', { name: 'Unit price for Call-out' }), '40')
    expect(screen.getByRole('row', { name: /^Total/ })).toHaveTextContent('£700')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(async () =>
      expect(await bodies(s, 'PUT', put)).toEqual([
        {
          answers: [
            {
              questionId: ids.price,
              lines: [
                { lineId: 'line1', lotId: '', unitPricePence: 250 },
                { lineId: 'line2', lotId: '', unitPricePence: 4000 },
              ],
            },
          ],
        },
      ]),
    )
  })

  it('says what is wrong with a price that is not an amount of money', async () => {
    bidServer()
    renderPage(routes, page(ids.price))
    await userEvent.type(await screen.findByRole('textbox', { name: 'Unit price for Call-out' }), 'forty')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    expect(await screen.findByRole('link', { name: /The unit price for Call-out must be an amount of money/ })).toHaveAttribute('href', '#line-line2-all')
  })

  it('asks a price for each lot chosen', async () => {
    const s = bidServer({
      opportunity: withLots,
      bid: bid({ lotIds: [ids.lotB] }),
      form: {
        opportunityId: ids.opportunity,
        version: 1,
        twoStage: false,
        questions: [question({ id: ids.price, kind: 'price', title: 'Your price', priceMode: 'per_lot', criterion: 'Price', weightShareBp: 10000 })],
      },
    })
    renderPage(routes, page(ids.price))
    const field = await screen.findByRole('textbox', { name: 'Your price for Lot 2: South parks' })
    expect(screen.queryByRole('textbox', { name: /North parks/ })).not.toBeInTheDocument()
    await userEvent.type(field, '£12,500')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(async () =>
      expect(await bodies(s, 'PUT', put)).toEqual([{ answers: [{ questionId: ids.price, prices: [{ lotId: ids.lotB, pricePence: 1_250_000 }] }] }]),
    )
  })
})
