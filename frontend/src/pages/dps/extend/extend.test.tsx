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

describe('Extend', () => {
  it('needs a reason, records it and says the new day', async () => {
    let extended = false
    const seen = serve(buyer, (req, url) => {
      const later = submittedApplication({ extended: true, extensionReason: 'References.', dueAt: '2027-01-19T10:00:00Z', workingDaysLeft: 8 })
      if (url.pathname === `${path}/extend` && req.method === 'POST') {
        extended = true
        return json(200, later)
      }
      if (url.pathname === path) return json(200, extended ? later : submittedApplication())
      if (url.pathname === `/api/v1/dps/${ids.dps}`) return json(200, homeCare())
      return undefined
    })
    renderPage(routes, `/dps-applications/${ids.app}/extend`)
    expect(await screen.findByText(/The decision is due by Tuesday 12 January 2027\./)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Take longer to decide' }))
    expect(await screen.findByRole('link', { name: 'Give the reason for taking longer' })).toHaveAttribute('href', '#reason')
    await waitFor(() => expect(document.title).toMatch(/^Error: Take longer to decide/))
    await userEvent.type(screen.getByLabelText('Why do you need longer?'), 'References.')
    await userEvent.click(screen.getByRole('button', { name: 'Take longer to decide' }))
    expect(await screen.findByText('You now have until Tuesday 19 January 2027 to decide. We have told the supplier why.')).toBeInTheDocument()
    expect(await seen.find((r) => r.method === 'POST')!.json()).toEqual({ reason: 'References.' })
  })
})
