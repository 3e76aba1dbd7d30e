import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { buyer, homeCare, ids, problem, serve } from '../fixtures'
import { DpsRoutes } from '../routes'
import type { Dps } from '../types'

const routes = <Route path="/dps/*" element={<DpsRoutes />} />
const path = `/api/v1/dps/${ids.dps}`

function serveEdit(dps: Dps, save: ServerRoute) {
  return serve(buyer, (req, url) => {
    if (url.pathname === '/api/v1/cpv') {
      const q = url.searchParams.get('q')
      return json(200, { items: q === '85312000-9' ? [{ code: q, description: 'Social work services without accommodation', ancestors: [] }] : [] })
    }
    if (url.pathname === path && req.method === 'GET') return json(200, dps, { ETag: `"${dps.version}"` })
    if (url.pathname === path && req.method === 'PUT') return save(req, url)
    return undefined
  })
}

describe('EditDps', () => {
  it('saves a published list with If-Match, keeping its categories and questions, and says so', async () => {
    const seen = serveEdit(homeCare(), () => json(200, homeCare({ title: 'Home care' }), { ETag: '"4"' }))
    renderPage(routes, `/dps/${ids.dps}/edit`)
    const title = await screen.findByLabelText('Title')
    // The saved codes are shown with their descriptions.
    expect(screen.getAllByText('Social work services without accommodation')[0].tagName).toBe('DT')
    // The rules cannot change once published; saved categories cannot be removed.
    expect(screen.queryByLabelText('Dynamic market (Procurement Act 2023)')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Remove\s*category 1/ })).not.toBeInTheDocument()
    await userEvent.clear(title)
    await userEvent.type(title, 'Home care')
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`^/dps/${ids.dps}$`)))
    const put = seen.find((r) => r.method === 'PUT')!
    expect(put.headers.get('If-Match')).toBe('"3"')
    const body = await put.json()
    expect(body.title).toBe('Home care')
    expect(body.categories.map((c: { id: string }) => c.id)).toEqual([ids.homeCare, ids.respite])
    expect(body.questions[2]).toEqual({
      id: ids.staff,
      kind: 'number',
      text: 'How many care workers do you employ?',
      hint: 'Count full-time equivalents.',
      categories: [0],
      profileField: '',
    })
  })

  it('shows why a published dynamic market’s conditions cannot change', async () => {
    serveEdit(homeCare({ regime: 'pa2023' }), () =>
      problem(409, [], 'The conditions of membership of a dynamic market cannot change once it is published (Procurement Act 2023)'),
    )
    renderPage(routes, `/dps/${ids.dps}/edit`)
    expect(await screen.findByText(/its conditions for joining cannot change/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The conditions of membership of a dynamic market cannot change once it is published')
    await waitFor(() => expect(document.title).toMatch(/^Error: Change Home care and support/))
  })
})
