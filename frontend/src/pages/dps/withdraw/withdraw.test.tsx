import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { homeCare, ids, serve, submittedApplication } from '../fixtures'
import { DpsApplicationRoutes } from '../routes'

const routes = <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />
const path = `/api/v1/dps-applications/${ids.app}`

describe('Withdraw', () => {
  it('asks first, withdraws, and shows the application with a banner', async () => {
    let gone = false
    serve(supplier, (req, url) => {
      if (url.pathname === `${path}/withdraw` && req.method === 'POST') {
        gone = true
        return json(200, submittedApplication({ status: 'withdrawn' }))
      }
      if (url.pathname === path) return json(200, submittedApplication(gone ? { status: 'withdrawn' } : {}))
      if (url.pathname === `/api/v1/dps/${ids.dps}`) return json(200, homeCare())
      return undefined
    })
    renderPage(routes, `/dps-applications/${ids.app}/withdraw`)
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Are you sure you want to withdraw your application to Home care and support?' }),
    ).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Keep my application' })).toHaveAttribute('href', `/dps-applications/${ids.app}`)
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw application' }))
    expect(await screen.findByText('Application withdrawn')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`^/dps-applications/${ids.app}$`)))
    expect(screen.getByText('Withdrawn')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Apply for more categories' })).toBeInTheDocument()
  })

  it('says a decision already made stands', async () => {
    serve(supplier, (_req, url) =>
      url.pathname === path
        ? json(
            200,
            submittedApplication({
              categories: [
                { categoryId: ids.homeCare, name: 'Home care', status: 'admitted', reason: '' },
                { categoryId: ids.respite, name: 'Respite care', status: 'requested', reason: '' },
              ],
            }),
          )
        : undefined,
    )
    renderPage(routes, `/dps-applications/${ids.app}/withdraw`)
    expect(
      await screen.findByText(/The council will stop assessing ‘Respite care’\. You keep the decisions already made on the other categories\./),
    ).toBeInTheDocument()
  })
})
