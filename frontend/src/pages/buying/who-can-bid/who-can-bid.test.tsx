import { screen } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { renderPage } from '../../../test/render'
import { completeDraft, serveOpportunity } from '../fixtures'
import { BuyingRoutes } from '../routes'

// Page tests drive a whole page with typing: slow on a busy machine.
describe('WhoCanBid', () => {
  it('offers to keep the opportunity for some suppliers below the threshold', async () => {
    serveOpportunity(() => completeDraft({ estimatedValuePence: 5_000_000 }))
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/who-can-bid')
    expect(await screen.findByLabelText('Only suppliers based in the council’s area')).toBeInTheDocument()
    expect(screen.getByLabelText('Anyone can bid')).toBeChecked()
    expect(screen.getByLabelText('Small and medium-sized businesses (SMEs)')).toBeChecked()
  })

  it('explains why it cannot be kept for some suppliers above the threshold', async () => {
    serveOpportunity(() => completeDraft({ estimatedValuePence: 30_000_000 }))
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/who-can-bid')
    expect(await screen.findByText(/because its estimated value of £300,000 without VAT is £360,000 with 20% VAT, which is not below the threshold of £214,904 including VAT/)).toBeInTheDocument()
    expect(screen.queryByLabelText('Only suppliers based in the council’s area')).not.toBeInTheDocument()
  })
})
