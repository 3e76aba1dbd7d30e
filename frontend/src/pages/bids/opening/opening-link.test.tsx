import { screen } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { renderPage } from '../../../test/render'
import { completeDraft, serveOpportunity } from '../../buying/fixtures'
import { BuyingRoutes } from '../../buying/routes'

describe('the way to the opening', () => {
  it('is on a published opportunity’s page for its buyer', async () => {
    serveOpportunity(() => completeDraft({ status: 'open', statusText: 'Open' }))
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    expect(await screen.findByRole('link', { name: 'Opening of the bids' })).toHaveAttribute('href', '/bids/opening/opp-1')
  })

  it('is not on a draft’s task list', async () => {
    serveOpportunity(() => completeDraft())
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    expect(await screen.findByRole('link', { name: 'Response form' })).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'Opening of the bids' })).not.toBeInTheDocument()
  })
})
