import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage, testSite } from '../../../test/render'
import { emptyDraft, serveOpportunity } from '../fixtures'
import { BuyingRoutes } from '../routes'
import { checkCriteria, STARTING_CRITERIA } from './how-bids-will-be-judged'

const rules = testSite.opportunityRules
const path = '/buying/opp-1/how-bids-will-be-judged'

async function weigh(n: number, weight: string) {
  const box = screen.getAllByLabelText('Weight')[n]
  await userEvent.clear(box)
  if (weight) await userEvent.type(box, weight)
}

// Page tests drive a whole page with typing: slow on a busy machine.
describe('HowBidsWillBeJudged', () => {
  it('keeps a running total and checks social value as the buyer types', async () => {
    serveOpportunity(() => emptyDraft())
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, path)
    await screen.findByRole('heading', { name: 'How bids will be judged' })
    expect(screen.getAllByLabelText('Name').map((e) => (e as HTMLInputElement).value)).toEqual(['Price', 'Quality', 'Social value'])

    await weigh(0, '60')
    await weigh(1, '20')
    await weigh(2, '15')
    expect(screen.getByText('Weights add up to 95% — they must add up to 100%')).toBeInTheDocument()
    expect(screen.getByText(/Social value weighs 15%, less than 20%\. Explain why below/)).toBeInTheDocument()
    expect(screen.getByLabelText('Why does social value weigh less than 20%?')).toBeInTheDocument()

    await weigh(2, '20')
    expect(screen.getByText('Weights add up to 100%')).toBeInTheDocument()
    expect(screen.getByText('Social value weighs 20%. That meets the council’s minimum of 20%.')).toBeInTheDocument()
    expect(screen.queryByLabelText('Why does social value weigh less than 20%?')).not.toBeInTheDocument()

    await weigh(2, '4.99')
    expect(screen.getByText('Social value weighs 4.99%. It must weigh at least 5%, and at least 20% unless you explain why.')).toBeInTheDocument()
  })

  it('refuses to save weights that break the rules, and saves the whole draft with If-Match once they do not', async () => {
    let view = emptyDraft()
    const seen = serveOpportunity(
      () => view,
      async (req, url) => {
        if (url.pathname === '/api/v1/opportunities/opp-1' && req.method === 'PUT') {
          const body = await req.clone().json()
          view = { ...view, criteria: body.criteria, version: 2 }
          return json(200, view, { ETag: '"2"' })
        }
        return undefined
      },
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, path)
    await screen.findByRole('heading', { name: 'How bids will be judged' })
    await weigh(0, '60')
    await weigh(1, '35')
    await weigh(2, '4.99')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    const summary = await screen.findByRole('alert')
    expect(summary).toHaveTextContent('Weights add up to 99.99% — they must add up to 100%')
    expect(screen.getByRole('link', { name: /Social value weighs 4.99%/ })).toHaveAttribute('href', '#criteria-2-weightBp')
    await waitFor(() => expect(document.title).toMatch(/^Error: How bids will be judged/))
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0)

    await weigh(1, '20')
    await weigh(2, '20')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/buying\/opp-1$/))
    const put = seen.find((r) => r.method === 'PUT')!
    expect(put.headers.get('If-Match')).toBe('"1"')
    const body = await put.json()
    expect(body.criteria.map((c: { weightBp: number }) => c.weightBp)).toEqual([6000, 2000, 2000])
    expect(body.title).toBe('Window cleaning for libraries')
    expect(body.socialValueJustification).toBe('')
  })

  it('asks for a justification between 5% and 20%, and accepts one', () => {
    const rows = (sv: string) => [
      { ...STARTING_CRITERIA[0], weight: String(100 - Number(sv)) },
      { ...STARTING_CRITERIA[2], weight: sv },
    ]
    expect(checkCriteria(rows('5'), '', rules).errors).toEqual([
      { field: 'socialValueJustification', text: expect.stringMatching(/^Social value weighs 5%, less than 20%/) },
    ])
    expect(checkCriteria(rows('5'), 'Few local providers of this specialist work', rules).errors).toEqual([])
    expect(checkCriteria(rows('20'), '', rules).errors).toEqual([])
    expect(checkCriteria([{ ...STARTING_CRITERIA[0], weight: '100' }], '', rules).errors).toEqual([
      { field: 'criteria-0-kind', text: expect.stringMatching(/^Social value weighs 0%/) },
    ])
  })
})
