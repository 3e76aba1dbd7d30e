import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter, Route, Routes } from 'react-router'
import { describe, expect, it } from 'vitest'
import { SessionProvider } from '../../../app/session'
import { SiteProvider } from '../../../app/site'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage, testSite } from '../../../test/render'
import { cleaningAlert, profileAlert } from '../fixtures'
import { AlertsRoutes } from '../routes'

const routes = <Route path="/alerts/*" element={<AlertsRoutes />} />

function serve(items: unknown[]) {
  return mockServer((req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/alerts' && req.method === 'GET') return json(200, { items })
    return anonymous(req, url)
  })
}

describe('AlertList', () => {
  it('describes each alert in plain words on a summary card, with Change and Delete', async () => {
    serve([profileAlert, cleaningAlert])
    renderPage(routes, '/alerts')
    const title = await screen.findByRole('heading', { level: 2, name: 'Cleaning in Islington' })
    const card = title.closest('.govuk-summary-card') as HTMLElement
    const text = card.textContent ?? ''
    expect(text).toContain('Cleaning, grounds maintenance')
    expect(text).toContain('Cleaning services (90910000-9)')
    expect(text).toContain('In the council’s own area, in a neighbouring area')
    expect(text).toContain('£10,000 to £100,000')
    expect(text).toContain('Open tender, Quick quote')
    expect(text).toContain('Once a day at 8am (UK time)')
    expect(within(card).getByRole('link', { name: /^Change\s*alert ‘Cleaning in Islington’$/ })).toHaveAttribute(
      'href',
      `/alerts/${cleaningAlert.id}/edit`,
    )
    expect(within(card).getByRole('link', { name: /^Delete\s*alert ‘Cleaning in Islington’$/ })).toHaveAttribute(
      'href',
      `/alerts/${cleaningAlert.id}/delete`,
    )

    // The alert made from the profile says so, and matches anything it does not name.
    const profileCard = screen.getByRole('heading', { level: 2, name: 'Work matching your profile' }).closest('.govuk-summary-card') as HTMLElement
    expect(profileCard).toHaveTextContent('We made this alert from the kinds of work on your organisation’s profile')
    expect(profileCard).toHaveTextContent('Anywhere')
    expect(profileCard).toHaveTextContent('Any value')
    expect(profileCard).toHaveTextContent('As soon as each opportunity is published')
    expect(screen.getByRole('button', { name: 'Create an alert' })).toHaveAttribute('href', '/alerts/new')
    await waitFor(() => expect(document.title).toMatch(/^Your alerts – /))
  })

  it('explains what alerts do when there are none', async () => {
    serve([])
    renderPage(routes, '/alerts')
    expect(await screen.findByRole('heading', { name: 'You have no alerts' })).toBeInTheDocument()
    expect(screen.getByText(/You choose the kinds of work, words to look for/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Create an alert' })).toBeInTheDocument()
  })

  it('shows the success banner it was sent', async () => {
    serve([cleaningAlert])
    render(
      <MemoryRouter initialEntries={[{ pathname: '/alerts', state: { notice: 'Alert ‘Cleaning in Islington’ created' } }]}>
        <SiteProvider initial={testSite}>
          <SessionProvider>
            <Routes>{routes}</Routes>
          </SessionProvider>
        </SiteProvider>
      </MemoryRouter>,
    )
    const banner = await screen.findByRole('alert')
    expect(banner).toHaveClass('govuk-notification-banner--success')
    expect(banner).toHaveTextContent('Alert ‘Cleaning in Islington’ created')
  })

  it('says when the service is down', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === '/api/v1/alerts') return json(503, { status: 503 })
      return anonymous(req, url)
    })
    renderPage(routes, '/alerts')
    expect(await screen.findByRole('heading', { name: 'Sorry, there is a problem with the service' })).toBeInTheDocument()
  })

  it('pauses and resumes an alert, and says a paused one tells of nothing', async () => {
    let current: typeof cleaningAlert = { ...cleaningAlert, pausedAt: '2026-11-20T09:00:00Z' }
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === '/api/v1/alerts' && req.method === 'GET') return json(200, { items: [profileAlert, current] })
      if (url.pathname === `/api/v1/alerts/${cleaningAlert.id}/resume` && req.method === 'POST') {
        current = { ...cleaningAlert, pausedAt: undefined }
        return json(200, current)
      }
      return anonymous(req, url)
    })
    renderPage(routes, '/alerts')
    const title = await screen.findByRole('heading', { level: 2, name: /Cleaning in Islington/ })
    const card = title.closest('.govuk-summary-card') as HTMLElement
    expect(within(title).getByText('Paused')).toHaveClass('govuk-tag--grey')
    expect(card).toHaveTextContent('Paused on 20 November 2026: it tells you of nothing until you resume it.')
    await userEvent.click(within(card).getByRole('button', { name: /^Resume\s*alert ‘Cleaning in Islington’$/ }))
    expect(await screen.findByText('Alert ‘Cleaning in Islington’ resumed: you will hear of new matches again.')).toBeInTheDocument()
    expect(within(card).queryByText('Paused')).not.toBeInTheDocument()
    expect(within(card).getByRole('button', { name: /^Pause\s*alert/ })).toBeInTheDocument()
  })

  it('makes the alert from the profile again when it was deleted', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === '/api/v1/alerts' && req.method === 'GET') return json(200, { items: [cleaningAlert] })
      if (url.pathname === '/api/v1/alerts/from-profile' && req.method === 'POST') return json(201, profileAlert)
      return anonymous(req, url)
    })
    renderPage(routes, '/alerts')
    await userEvent.click(await screen.findByRole('button', { name: 'Make an alert from your profile' }))
    expect(await screen.findByRole('heading', { level: 2, name: profileAlert.name })).toBeInTheDocument()
    expect(screen.getByText('Alert made from your profile.')).toBeInTheDocument()
    // Once there is one from the profile, the button goes.
    expect(screen.queryByRole('button', { name: 'Make an alert from your profile' })).not.toBeInTheDocument()
  })
})
