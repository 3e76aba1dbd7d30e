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
    expect(rows.map((r) => within(r).getAllByRole('link')[0].textContent)).toEqual(['Late one', 'Soon one', 'Done one'])
    expect(within(rows[0]).getByText('Overdue')).toHaveClass('govuk-tag--red')
    expect(rows[1]).toHaveTextContent('2 days to answer')
    expect(within(rows[2]).getByText('Answered to everyone')).toHaveClass('govuk-tag--green')
    expect(within(rows[0]).getByRole('link', { name: 'Late one' })).toHaveAttribute('href', '/buying/questions/late')
  })
})

describe('Queue of one opportunity, and overdue questions', () => {
  it('flags an opportunity with overdue questions, linking to its late-answers page', async () => {
    const items = [
      councilQuestion({ id: 'a', overdue: true, opportunityId: 'opp-1', opportunityTitle: 'Graffiti removal in parks' }),
      councilQuestion({ id: 'b', overdue: true, opportunityId: 'opp-1', opportunityTitle: 'Graffiti removal in parks' }),
      councilQuestion({ id: 'c', opportunityId: 'opp-2', opportunityTitle: 'School meals' }),
    ]
    serve(buyer, (_req, url) => (url.pathname === '/api/v1/clarifications/queue' ? json(200, { items }) : undefined))
    renderPage(routes, '/buying/questions')
    const banner = await screen.findByRole('region', { name: 'Important' })
    expect(banner).toHaveTextContent('Some questions were not answered in time')
    expect(within(banner).getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['/buying/opp-1/late-answers'])
    expect(within(banner).getByRole('listitem')).toHaveTextContent('Decide on the deadline for Graffiti removal in parks (2 overdue questions)')
    expect(screen.getByRole('link', { name: 'School meals' })).toHaveAttribute('href', '/buying/questions?opportunityId=opp-2')
  })

  it('shows only the questions on the opportunity asked for, and offers a clarification on it', async () => {
    const asked: URL[] = []
    serve(buyer, (_req, url) => {
      if (url.pathname !== '/api/v1/clarifications/queue') return undefined
      asked.push(url)
      return json(200, { items: [councilQuestion({ opportunityId: 'opp-2', opportunityTitle: 'School meals' })] })
    })
    renderPage(routes, '/buying/questions?opportunityId=opp-2')
    expect(await screen.findByRole('button', { name: 'Publish a clarification' })).toHaveAttribute('href', '/buying/opp-2/clarify')
    expect(asked.map((u) => u.searchParams.get('opportunityId'))).toEqual(['opp-2'])
    expect(screen.getByText('School meals', { selector: '.govuk-caption-l' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Show questions on every opportunity' })).toHaveAttribute('href', '/buying/questions')
    expect(screen.queryByRole('region', { name: 'Important' })).not.toBeInTheDocument()
  })
})

describe('Queue with a question about joining a DPS', () => {
  it('names the DPS, linking to its page, beside the opportunities', async () => {
    const items = [
      councilQuestion({ id: 'd', subject: 'Joining', opportunityId: '', opportunityTitle: '', opportunityReference: '', dpsId: 'dps-1', dpsTitle: 'Home care and support',
        answerBy: undefined, answerByText: undefined, timeLeftText: undefined }),
      councilQuestion({ id: 'o', subject: 'Keys', opportunityId: 'opp-2', opportunityTitle: 'School meals' }),
    ]
    serve(buyer, (_req, url) => (url.pathname === '/api/v1/clarifications/queue' ? json(200, { items }) : undefined))
    renderPage(routes, '/buying/questions')
    const rows = within(await screen.findByRole('table')).getAllByRole('row').slice(1)
    const joining = rows.find((r) => r.textContent?.includes('Joining'))!
    expect(joining).toHaveTextContent('DPS: Home care and support')
    expect(within(joining).getByRole('link', { name: 'Home care and support' })).toHaveAttribute('href', '/dps/dps-1')
    const keys = rows.find((r) => r.textContent?.includes('Keys'))!
    expect(within(keys).getByRole('link', { name: 'School meals' })).toHaveAttribute('href', '/buying/questions?opportunityId=opp-2')
  })
})
