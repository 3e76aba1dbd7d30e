import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { emptyDraft } from '../../buying/fixtures'
import { buyer, homeCare, ids, linkedCall, problem, serve } from '../fixtures'
import { DpsRoutes } from '../routes'

const routes = <Route path="/dps/*" element={<DpsRoutes />} />
const callPath = `/api/v1/opportunities/${ids.opportunity}/dps-call`

function serveCall(linked: ServerRoute, procedure = 'dps_call') {
  return serve(buyer, (req, url) => {
    if (url.pathname === `/api/v1/opportunities/${ids.opportunity}`) return json(200, emptyDraft({ id: ids.opportunity, procedure }))
    if (url.pathname === '/api/v1/dps') return json(200, { items: [homeCare(), homeCare({ id: 'draft', title: 'Draft list', status: 'draft' })] })
    if (url.pathname === callPath) return linked(req, url)
    return undefined
  })
}

describe('CallPage', () => {
  it('links a draft call to a DPS’s categories and warns when nobody would be invited', async () => {
    document.cookie = 'ft_csrf=tok; path=/'
    const seen = serveCall((req) => (req.method === 'PUT' ? json(200, linkedCall()) : problem(404, [], 'This opportunity is not a call for competition under a DPS')))
    renderPage(routes, `/dps/calls/${ids.opportunity}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Choose the DPS and categories' })).toBeInTheDocument()
    // Only published lists can be called under; with one, it is chosen already.
    expect(screen.queryByLabelText('Draft list')).not.toBeInTheDocument()
    expect(screen.getByLabelText('Home care and support')).toBeChecked()
    expect(screen.getByLabelText('Respite care')).toHaveAccessibleDescription('No suppliers yet')
    await userEvent.click(screen.getByLabelText('Respite care'))
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Saved: only suppliers admitted to Respite care will be invited.')).toBeInTheDocument()
    expect(screen.getByText(/Nobody is admitted to "Respite care" yet, so nobody would be invited to bid\./).closest('.govuk-warning-text')).not.toBeNull()
    const put = seen.find((r) => r.method === 'PUT')!
    expect(await put.json()).toEqual({ dpsId: ids.dps, categoryIds: [ids.respite] })
  })

  it('shows the warnings of a call already linked, and the 30-day wait under the 2015 Regulations', async () => {
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString()
    serve(buyer, (_req, url) => {
      if (url.pathname === `/api/v1/opportunities/${ids.opportunity}`) return json(200, emptyDraft({ id: ids.opportunity, procedure: 'dps_call' }))
      if (url.pathname === '/api/v1/dps') return json(200, { items: [homeCare({ firstCallFrom: future })] })
      if (url.pathname === callPath) return json(200, linkedCall())
      return undefined
    })
    renderPage(routes, `/dps/calls/${ids.opportunity}`)
    expect(await screen.findByText(/Nobody is admitted to "Respite care" yet/)).toBeInTheDocument()
    expect(screen.getByText(/You cannot publish this call before/)).toBeInTheDocument()
    expect(screen.getByLabelText('Respite care')).toBeChecked()
  })

  it('asks for a category, and sends other procedures to change how suppliers bid', async () => {
    serveCall(() => problem(404))
    const { unmount } = renderPage(routes, `/dps/calls/${ids.opportunity}`)
    await userEvent.click(await screen.findByRole('button', { name: 'Save' }))
    expect(await screen.findByRole('link', { name: 'Choose at least one category whose members you will invite' })).toHaveAttribute('href', '#categoryIds')
    await waitFor(() => expect(document.title).toMatch(/^Error: Choose the DPS and categories/))
    unmount()

    serveCall(() => problem(404), 'open_tender')
    renderPage(routes, `/dps/calls/${ids.opportunity}`)
    expect(await screen.findByRole('link', { name: 'Change how suppliers will bid' })).toHaveAttribute('href', `/buying/${ids.opportunity}/about`)
  })
})
