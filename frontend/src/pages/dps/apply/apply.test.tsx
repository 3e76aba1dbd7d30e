import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { draftApplication, homeCare, ids, problem, serve, submittedApplication } from '../fixtures'
import { DpsRoutes } from '../routes'
import type { Application, Dps } from '../types'

const routes = <Route path="/dps/*" element={<DpsRoutes />} />

function serveApply(dps: Dps, mine: Application[], apply: ServerRoute = () => json(201, draftApplication())) {
  return serve(supplier, (req, url) => {
    if (url.pathname === `/api/v1/dps/${ids.dps}`) return json(200, dps)
    if (url.pathname === '/api/v1/supplier/dps-applications') return json(200, { items: mine })
    if (url.pathname === `/api/v1/dps/${ids.dps}/applications` && req.method === 'POST') return apply(req, url)
    return undefined
  })
}

describe('Apply', () => {
  it('starts an application for the categories chosen and opens it', async () => {
    const seen = serveApply(homeCare(), [])
    renderPage(routes, `/dps/${ids.dps}/apply`)
    await userEvent.click(await screen.findByLabelText('Home care'))
    expect(screen.getByLabelText('Respite care')).not.toBeChecked()
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/dps-applications/${ids.app}`))
    const post = seen.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({ categoryIds: [ids.homeCare], organisationId: supplier.organisations[0].id })
  })

  it('asks for a category before sending anything', async () => {
    const seen = serveApply(homeCare(), [])
    renderPage(routes, `/dps/${ids.dps}/apply`)
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('link', { name: 'Choose at least one category to join' })).toHaveAttribute('href', '#categoryIds')
    await waitFor(() => expect(document.title).toMatch(/^Error: Which categories do you want to join\?/))
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('does not offer categories already applied for, and offers the unsent application', async () => {
    serveApply(homeCare(), [submittedApplication({ id: 'other' }), draftApplication({ id: 'unsent', categories: [] })])
    renderPage(routes, `/dps/${ids.dps}/apply`)
    expect(await screen.findByLabelText('Respite care')).toBeInTheDocument()
    expect(screen.queryByLabelText('Home care')).not.toBeInTheDocument()
    expect(screen.getByText('Home care: waiting for a decision')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Carry on with it' })).toHaveAttribute('href', '/dps-applications/unsent')
  })

  it('shows the server’s refusal when the list closed meanwhile', async () => {
    serveApply(homeCare(), [], () => problem(409, [], 'This DPS is not taking applications: it has closed'))
    renderPage(routes, `/dps/${ids.dps}/apply`)
    await userEvent.click(await screen.findByLabelText('Respite care'))
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('This DPS is not taking applications: it has closed')
  })

  it('says when a list is not open yet', async () => {
    serveApply(homeCare({ status: 'not_started', startsOn: '2027-06-01' }), [])
    renderPage(routes, `/dps/${ids.dps}/apply`)
    expect(await screen.findByRole('heading', { level: 1, name: 'This list is not taking applications' })).toBeInTheDocument()
    expect(screen.getByText('It opens on 1 June 2027. Come back then to apply.')).toBeInTheDocument()
  })
})
