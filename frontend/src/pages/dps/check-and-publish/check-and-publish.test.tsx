import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { buyer, homeCare, ids, problem, serve } from '../fixtures'
import { DpsRoutes } from '../routes'

const routes = <Route path="/dps/*" element={<DpsRoutes />} />
const path = `/api/v1/dps/${ids.dps}`

function servePublish(publish: ServerRoute) {
  let published = false
  return serve(buyer, async (req, url) => {
    if (url.pathname === `${path}/publish`) {
      const answer = await publish(req, url)
      published = answer?.ok ?? false
      return answer
    }
    if (url.pathname === path) return json(200, homeCare(published ? {} : { status: 'draft', regime: 'pa2023', decisionDays: 20, publishedAt: undefined, firstCallFrom: undefined }))
    return undefined
  })
}

describe('CheckAndPublish', () => {
  it('shows the whole draft with Change links, warns what publishing fixes, and publishes', async () => {
    servePublish(() => json(200, homeCare()))
    renderPage(routes, `/dps/${ids.dps}/publish`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your supplier list before publishing' })).toBeInTheDocument()
    expect(screen.getByText('Dynamic market (Procurement Act 2023)')).toBeInTheDocument()
    expect(screen.getAllByRole('link', { name: /^Change/ })[0]).toHaveAttribute('href', `/dps/${ids.dps}/edit`)
    expect(screen.getByText(/Once published, the conditions for joining/)).toHaveTextContent('within 20 working days')
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`^/dps/${ids.dps}$`)))
    expect(await screen.findByText('Published. Suppliers can now apply to join.')).toBeInTheDocument()
  })

  it('links a problem the server finds to the form', async () => {
    servePublish(() => problem(422, [{ location: 'body.endsOn', message: 'The end date has passed: change it before publishing' }]))
    renderPage(routes, `/dps/${ids.dps}/publish`)
    await userEvent.click(await screen.findByRole('button', { name: 'Publish' }))
    expect(await screen.findByRole('link', { name: 'The end date has passed: change it before publishing' })).toHaveAttribute('href', `/dps/${ids.dps}/edit`)
    await waitFor(() => expect(document.title).toMatch(/^Error: Check your supplier list/))
  })
})
