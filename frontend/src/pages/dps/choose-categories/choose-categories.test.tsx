import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { draftApplication, homeCare, ids, serve } from '../fixtures'
import { DpsApplicationRoutes } from '../routes'

const routes = <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />
const path = `/api/v1/dps-applications/${ids.app}`

describe('ChooseCategories', () => {
  it('changes the categories of an unsent application and goes back to its tasks', async () => {
    const seen = serve(supplier, (req, url) => {
      if (url.pathname === path && req.method === 'PUT') return json(200, draftApplication())
      if (url.pathname === path) return json(200, draftApplication())
      if (url.pathname === `/api/v1/dps/${ids.dps}`) return json(200, homeCare())
      return undefined
    })
    renderPage(routes, `/dps-applications/${ids.app}/categories`)
    expect(await screen.findByLabelText('Home care')).toBeChecked()
    await userEvent.click(screen.getByLabelText('Respite care'))
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`^/dps-applications/${ids.app}$`)))
    expect(await seen.find((r) => r.method === 'PUT')!.json()).toEqual({ categoryIds: [ids.homeCare, ids.respite] })
  })
})
