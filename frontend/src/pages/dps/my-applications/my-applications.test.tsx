import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { draftApplication, serve, submittedApplication } from '../fixtures'
import { DpsApplicationRoutes } from '../routes'

const routes = <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />

describe('MyApplications', () => {
  it('lists the applications with their status, and what each category came to', async () => {
    serve(supplier, (_req, url) =>
      url.pathname === '/api/v1/supplier/dps-applications'
        ? json(200, {
            items: [
              draftApplication({ id: 'unsent', dpsTitle: 'Meals on wheels' }),
              submittedApplication({ status: 'decided', categories: [{ categoryId: 'c', name: 'Home care', status: 'admitted', reason: '' }] }),
            ],
          })
        : undefined,
    )
    renderPage(routes, '/dps-applications')
    const unsent = (await screen.findByRole('heading', { level: 2, name: 'Meals on wheels' })).closest('.govuk-summary-card') as HTMLElement
    expect(within(unsent).getByRole('link', { name: /^Carry on/ })).toHaveAttribute('href', '/dps-applications/unsent')
    expect(within(unsent).getByText('Not sent yet')).toBeInTheDocument()
    const decided = screen.getByRole('heading', { level: 2, name: 'Home care and support' }).closest('.govuk-summary-card') as HTMLElement
    expect(within(decided).getByText('Home care: admitted')).toBeInTheDocument()
  })

  it('says when there are none', async () => {
    serve(supplier, (_req, url) => (url.pathname === '/api/v1/supplier/dps-applications' ? json(200, { items: [] }) : undefined))
    renderPage(routes, '/dps-applications')
    expect(await screen.findByText('You have not applied to join any supplier lists yet.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Find a supplier list to join' })).toHaveAttribute('href', '/dps')
  })
})
