import { screen, waitFor, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { completeDraft, emptyDraft, serveOpportunity } from '../fixtures'
import { BuyingRoutes } from '../routes'

// Page tests drive a whole page with typing: slow on a busy machine.
describe('DraftTasks', () => {
  it('shows each task’s status, and check and publish cannot start until they are done', async () => {
    serveOpportunity(() => emptyDraft())
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    await screen.findByRole('heading', { name: 'Window cleaning for libraries' })
    expect(screen.getByRole('link', { name: 'About the work' })).toHaveAccessibleDescription(/Incomplete/)
    expect(screen.getByRole('link', { name: 'How bids will be judged' })).toHaveAccessibleDescription(/Not yet started/)
    expect(screen.getByText('You have completed 0 of 7 tasks.')).toBeInTheDocument()
    const publish = screen.getByText('Check and publish').closest('li')!
    expect(within(publish).queryByRole('link')).not.toBeInTheDocument()
    expect(publish).toHaveTextContent('Cannot start yet')
  })

  it('lets a complete draft be checked and published', async () => {
    serveOpportunity(() => completeDraft())
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    expect(await screen.findByRole('link', { name: 'Check and publish' })).toHaveAttribute('href', '/buying/opp-1/check')
  })

  it('asks a call for competition to choose its DPS and categories, and shows when it has', async () => {
    let linked = false
    serveOpportunity(
      () => emptyDraft({ procedure: 'dps_call', procedureLabel: 'Call for competition under a dynamic purchasing system (DPS)' }),
      (_req, url) => {
        if (url.pathname !== '/api/v1/opportunities/opp-1/dps-call') return undefined
        return linked
          ? json(200, { opportunityId: 'opp-1', dpsId: 'd', dpsTitle: 'Care', categoryIds: ['c'], categories: ['Home care'], warnings: [], invited: 0 })
          : json(404, { status: 404, detail: 'This opportunity is not a call for competition under a DPS' })
      },
    )
    const { unmount } = renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    const task = await screen.findByRole('link', { name: 'Choose the DPS and categories' })
    expect(task).toHaveAttribute('href', '/dps/calls/opp-1')
    expect(task).toHaveAccessibleDescription(/Not yet started/)
    unmount()

    linked = true
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    await waitFor(() => expect(screen.getByRole('link', { name: 'Choose the DPS and categories' })).toHaveAccessibleDescription(/Completed/))
  })

  it('does not offer a DPS to other procedures', async () => {
    serveOpportunity(() => emptyDraft())
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    await screen.findByRole('heading', { name: 'Window cleaning for libraries' })
    expect(screen.queryByRole('link', { name: 'Choose the DPS and categories' })).not.toBeInTheDocument()
  })
})
