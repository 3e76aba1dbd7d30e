import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { buyer, homeCare, ids, serve, submittedApplication } from '../fixtures'
import { DpsApplicationRoutes } from '../routes'

const routes = <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />
const path = `/api/v1/dps-applications/${ids.app}`
const admitted = () => submittedApplication({ status: 'decided', categories: [{ categoryId: ids.homeCare, name: 'Home care', status: 'admitted', reason: '' }] })

describe('Membership', () => {
  it('suspends a member with a reason they are told', async () => {
    const seen = serve(buyer, (req, url) => {
      if (url.pathname === `${path}/categories/${ids.homeCare}/membership` && req.method === 'POST') {
        return json(200, admitted())
      }
      if (url.pathname === path) return json(200, admitted())
      if (url.pathname === `/api/v1/dps/${ids.dps}`) return json(200, homeCare())
      return undefined
    })
    renderPage(routes, `/dps-applications/${ids.app}/categories/${ids.homeCare}/suspend`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Suspend Patel Cleaning from ‘Home care’' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Suspend supplier' }))
    expect(await screen.findByRole('link', { name: 'Give the reason; the supplier is told it' })).toHaveAttribute('href', '#reason')
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
    await userEvent.type(screen.getByLabelText('Why?'), 'Missed two visits.')
    await userEvent.click(screen.getByRole('button', { name: 'Suspend supplier' }))
    expect(await screen.findByText('Patel Cleaning suspended from ‘Home care’. We have told them why.')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`^/dps-applications/${ids.app}$`)))
    expect(await seen.find((r) => r.method === 'POST')!.json()).toEqual({ action: 'suspend', reason: 'Missed two visits.' })
  })

  it('does not offer an action that does not apply', async () => {
    serve(buyer, (_req, url) => (url.pathname === path ? json(200, admitted()) : url.pathname === `/api/v1/dps/${ids.dps}` ? json(200, homeCare()) : undefined))
    renderPage(routes, `/dps-applications/${ids.app}/categories/${ids.homeCare}/reinstate`)
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`^/dps-applications/${ids.app}$`)))
  })
})
