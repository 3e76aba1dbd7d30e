import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { buyer, serve } from '../../dps/fixtures'
import { BuyingRoutes } from '../../buying/routes'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { answer, councilQuestion } from '../fixtures'

const routes = <Route path="/buying/*" element={<BuyingRoutes />} />

describe('Queue', () => {
  it('lists waiting questions first with the time left, an overdue tag, and links to each', async () => {
    const items = [
      councilQuestion({ id: 'late', subject: 'Late one', overdue: true, timeLeftText: 'Overdue' }),
      councilQuestion({ id: 'soon', subject: 'Soon one', timeLeftText: '2 days to answer' }),
      councilQuestion({ id: 'done', subject: 'Done one', status: 'answered', statusText: 'Answered to everyone', timeLeftText: '', answer: answer() }),
    ]
    serve(buyer, (_req, url) => (url.pathname === '/api/v1/clarifications/queue' ? json(200, { items }) : undefined))
    renderPage(routes, '/buying/questions')
    expect(await screen.findByRole('heading', { level: 1, name: 'Questions to answer' })).toBeInTheDocument()
    expect(screen.getByText(/2 waiting, 1 overdue\./)).toBeInTheDocument()
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['Late one', 'Soon one', 'Done one'])
    expect(within(rows[0]).getByText('Overdue')).toHaveClass('govuk-tag--red')
    expect(rows[1]).toHaveTextContent('2 days to answer')
    expect(within(rows[2]).getByText('Answered to everyone')).toHaveClass('govuk-tag--green')
    expect(within(rows[0]).getByRole('link')).toHaveAttribute('href', '/buying/questions/late')
  })
})
