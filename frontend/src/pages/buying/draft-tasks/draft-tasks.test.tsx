import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { renderPage } from '../../../test/render'
import { completeDraft, emptyDraft, serveOpportunity } from '../fixtures'
import { BuyingRoutes } from '../routes'

// Page tests drive a whole page with typing: slow on a busy machine.
describe('DraftTasks', { timeout: 20_000 }, () => {
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
})
