import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { completeDraft, serveOpportunity } from '../../buying/fixtures'
import { BuyingRoutes } from '../../buying/routes'

const routes = <Route path="/buying/*" element={<BuyingRoutes />} />
const api = '/api/v1/opportunities/opp-1/opening-panel'
const candidates = [
  { userId: 'u1', name: 'Bola Ade' },
  { userId: 'u2', name: 'Chris Dunn' },
  { userId: 'u3', name: 'Dee Evans' },
]

describe('OpeningPanel', () => {
  it('names the panel: at least the quorum, then saves the chosen officers', async () => {
    const seen = serveOpportunity(
      () => completeDraft(),
      (req, url) => {
        if (url.pathname !== api) return undefined
        if (req.method === 'GET') return json(200, { members: [candidates[0]], quorum: 2, candidates })
        return json(200, { members: [candidates[0], candidates[2]], quorum: 2 })
      },
    )
    renderPage(routes, '/buying/opp-1/opening-panel')
    const group = await screen.findByRole('group', { name: 'Who will open the bids?' })
    expect(within(group).getByRole('checkbox', { name: 'Bola Ade' })).toBeChecked()
    expect(within(group).getByRole('checkbox', { name: 'Chris Dunn' })).not.toBeChecked()
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    expect(await screen.findByRole('link', { name: 'Choose at least 2 officers' })).toHaveAttribute('href', '#userIds')
    await userEvent.click(within(group).getByRole('checkbox', { name: 'Dee Evans' }))
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/buying\/opp-1$/))
    const put = seen.find((r) => r.method === 'PUT' && new URL(r.url).pathname === api)!
    expect(await put.json()).toEqual({ userIds: ['u1', 'u3'] })
  })
})
