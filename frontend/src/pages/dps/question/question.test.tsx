import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { draftApplication, ids, problem, serve } from '../fixtures'
import { DpsApplicationRoutes } from '../routes'

const routes = <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />
const path = `/api/v1/dps-applications/${ids.app}`

function serveApp(save: ServerRoute = () => json(200, draftApplication())) {
  return serve(supplier, (req, url) => {
    if (url.pathname === path && req.method === 'GET') return json(200, draftApplication())
    if (url.pathname === path && req.method === 'PUT') return save(req, url)
    return undefined
  })
}

describe('Question', () => {
  it('asks a yes or no question on its own page, saves the answer and goes to the next', async () => {
    document.cookie = 'ft_csrf=tok; path=/'
    const seen = serveApp()
    renderPage(routes, `/dps-applications/${ids.app}/questions/1`)
    expect(await screen.findByRole('heading', { level: 1, name: /Question 1 of 3\s*Do you pay the London Living Wage\?/ })).toBeInTheDocument()
    await userEvent.click(screen.getByLabelText('Yes'))
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/dps-applications/${ids.app}/questions/2`))
    const put = seen.find((r) => r.method === 'PUT')!
    expect(put.headers.get('X-CSRF-Token')).toBe('tok')
    expect(await put.json()).toEqual({ categoryIds: [ids.homeCare], answers: [{ questionId: ids.wage, value: 'yes' }] })
  })

  it('does not move on from a yes or no question left blank: it asks for an answer', async () => {
    const seen = serveApp()
    renderPage(routes, `/dps-applications/${ids.app}/questions/1`)
    await screen.findByRole('heading', { level: 1, name: /Do you pay the London Living Wage\?/ })
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    expect(await screen.findByRole('link', { name: 'Select yes or no' })).toHaveAttribute('href', '#answer')
    expect(screen.getByTestId('location')).toHaveTextContent(`/dps-applications/${ids.app}/questions/1`)
    await waitFor(() => expect(document.title).toMatch(/^Error: /))
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0)
  })

  it('shows an answer from the profile as such, and leaves it marked so when unchanged', async () => {
    const d = draftApplication()
    const app = draftApplication({
      answers: d.answers.map((a, i) =>
        i === 1 ? { ...a, kind: 'text', text: 'Companies House number', value: '01234567', document: undefined } : a,
      ),
    })
    const seen = serve(supplier, (req, url) => (url.pathname === path && req.method === 'GET' ? json(200, app) : undefined))
    renderPage(routes, `/dps-applications/${ids.app}/questions/2`)
    const box = await screen.findByRole('textbox', { name: /Companies House number/ })
    expect(box).toHaveValue('01234567')
    expect(box).toHaveAccessibleDescription(/From your profile We filled this in from your organisation’s profile/)
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/dps-applications/${ids.app}/questions/3`))
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0)
  })

  it('goes to check your answers after the last question, and shows the server’s problem with the answer', async () => {
    let calls = 0
    serveApp(() => (++calls === 1 ? problem(422, [{ location: 'body.answers[0].value', message: 'Enter a number, like 12 or 3.5' }]) : json(200, draftApplication())))
    renderPage(routes, `/dps-applications/${ids.app}/questions/3`)
    await userEvent.type(await screen.findByRole('textbox', { name: /How many care workers/ }), 'lots')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    expect(await screen.findByRole('link', { name: 'Enter a number, like 12 or 3.5' })).toHaveAttribute('href', '#answer')
    expect(document.getElementById('answer-error')).toHaveTextContent('Enter a number, like 12 or 3.5')
    await waitFor(() => expect(document.title).toMatch(/^Error: How many care workers/))
    await userEvent.clear(screen.getByRole('textbox', { name: /How many care workers/ }))
    await userEvent.type(screen.getByRole('textbox', { name: /How many care workers/ }), '14')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/dps-applications/${ids.app}/check`))
  })
})
