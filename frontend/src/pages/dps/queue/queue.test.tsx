import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { buyer, queueItem, serve } from '../fixtures'
import { DpsRoutes } from '../routes'
import { byUrgency } from './queue'

const routes = <Route path="/dps/*" element={<DpsRoutes />} />

const items = [
  queueItem({ id: 'later', organisationName: 'Later Ltd', dueAt: '2027-01-20T10:00:00Z', workingDaysLeft: 8 }),
  queueItem({ id: 'soon', organisationName: 'Soon Ltd', dueSoon: true, dueAt: '2027-01-06T10:00:00Z', workingDaysLeft: 1 }),
  queueItem({ id: 'late', organisationName: 'Late Ltd', overdue: true, dueAt: '2027-01-01T10:00:00Z', workingDaysLeft: -2 }),
]

describe('Queue', () => {
  it('puts overdue applications first, then those due soon, with tags and counts', async () => {
    const seen = serve(buyer, (_req, url) => (url.pathname === '/api/v1/dps-queue' ? json(200, { items }) : undefined))
    renderPage(routes, '/dps/queue')
    expect(await screen.findByRole('heading', { level: 1, name: 'Applications waiting for a decision' })).toBeInTheDocument()
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['Late Ltd', 'Soon Ltd', 'Later Ltd'])
    expect(within(rows[0]).getByText('Overdue')).toHaveClass('govuk-tag--red')
    expect(within(rows[1]).getByText('Due in 1 working day')).toHaveClass('govuk-tag--orange')
    expect(within(rows[2]).getByText('8 working days left')).toBeInTheDocument()
    expect(within(rows[0]).getByRole('link')).toHaveAttribute('href', '/dps-applications/late')
    expect(screen.getByText('overdue')).toHaveTextContent(/^1 overdue$/)
    expect(screen.getByRole('region', { name: 'Applications waiting for a decision' })).toBeInTheDocument()
    expect(new URL(seen.find((r) => r.url.includes('dps-queue'))!.url).searchParams.get('dpsId')).toBeNull()
  })

  it('shows one list’s applications when asked', async () => {
    const seen = serve(buyer, (_req, url) => (url.pathname === '/api/v1/dps-queue' ? json(200, { items: [] }) : undefined))
    renderPage(routes, '/dps/queue?dpsId=abc')
    expect(await screen.findByText('There are no applications waiting for a decision.')).toBeInTheDocument()
    expect(new URL(seen.find((r) => r.url.includes('dps-queue'))!.url).searchParams.get('dpsId')).toBe('abc')
    expect(screen.getByRole('link', { name: 'See applications to every list' })).toHaveAttribute('href', '/dps/queue')
  })

  it('is only for council buyers', async () => {
    serve({ ...buyer, role: 'supplier' }, () => undefined)
    renderPage(routes, '/dps/queue')
    expect(await screen.findByRole('heading', { level: 1, name: 'You cannot use this page' })).toBeInTheDocument()
  })
})

describe('byUrgency', () => {
  it('orders overdue, then due soon, then the rest, each soonest first', () => {
    expect(byUrgency(items).map((i) => i.id)).toEqual(['late', 'soon', 'later'])
  })
})
