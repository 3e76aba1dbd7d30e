import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { completeDraft, serveOpportunity } from '../fixtures'
import { BuyingRoutes } from '../routes'

const open = () => completeDraft({ status: 'open', statusText: 'Open', timeLeftText: '39 days to bid' })
const amendPath = '/api/v1/opportunities/opp-1/amendments'
const holiday =
  'The deadline for bids is on Friday 1 January 2027, New Year’s Day, a bank holiday: suppliers and the council’s helpdesk may not be working. Consider Monday 4 January 2027.'

// Page tests drive a whole page with typing: slow on a busy machine.
describe('Amend', () => {
  it('sends only what changed, with the note, and shows the amendment', async () => {
    let view = open()
    const year = String(Number(view.submissionDeadline!.local.slice(0, 4)) + 1)
    const seen = serveOpportunity(
      () => view,
      (_req, url) => {
        if (url.pathname === amendPath) {
          view = {
            ...view,
            version: 5,
            amendments: [{ number: 1, kind: 'deadline', note: 'A week longer', createdAt: new Date().toISOString(), changes: [] }],
            publishWarnings: [{ field: 'submissionDeadline', message: holiday }],
          }
          return json(201, view, { ETag: '"5"' })
        }
        return undefined
      },
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/amend')
    const years = await screen.findAllByLabelText('Year')
    await userEvent.clear(years[0])
    await userEvent.type(years[0], year)
    await userEvent.type(screen.getByLabelText('What changed and why'), 'A week longer')
    await userEvent.click(screen.getByRole('button', { name: 'Publish amendment' }))
    expect(await screen.findByText('Amendment published. Suppliers can see what changed and your note.')).toBeInTheDocument()
    const body = await seen.find((r) => new URL(r.url).pathname === amendPath)!.json()
    expect(body).toEqual({ note: 'A week longer', submissionDeadline: `${year}${view.submissionDeadline!.local.slice(4)}` })
    // The deadline moved onto a bank holiday: allowed, and the buyer is warned.
    expect(screen.getByText(holiday).closest('.govuk-warning-text')).toBeInTheDocument()
  })

  it('warns before amending of a deadline on a day off', async () => {
    serveOpportunity(() => ({ ...open(), publishWarnings: [{ field: 'submissionDeadline', message: holiday }] }))
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/amend')
    const warning = (await screen.findByText(holiday)).closest('.govuk-warning-text')!
    expect(warning).toHaveTextContent(/^!Warning/)
    expect(warning.compareDocumentPosition(screen.getByRole('button', { name: 'Publish amendment' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('refuses an earlier deadline and a missing note before sending', async () => {
    const view = open()
    const seen = serveOpportunity(() => view)
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/amend')
    const years = await screen.findAllByLabelText('Year')
    await userEvent.clear(years[0])
    await userEvent.type(years[0], String(Number(view.submissionDeadline!.local.slice(0, 4)) - 1))
    await userEvent.click(screen.getByRole('button', { name: 'Publish amendment' }))
    await screen.findByRole('alert')
    expect(screen.getByRole('link', { name: /A deadline can only move later once published/ })).toHaveAttribute('href', '#submissionDeadline-day')
    expect(screen.getByRole('link', { name: /Say what changed and why/ })).toHaveAttribute('href', '#note')
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('says plainly when the opportunity has closed meanwhile (409)', async () => {
    serveOpportunity(open, (_req, url) =>
      url.pathname === amendPath
        ? json(409, { status: 409, title: 'Conflict', detail: 'This opportunity has closed to bids, so it can no longer be amended' })
        : undefined,
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/amend')
    await userEvent.clear(await screen.findByLabelText('Title'))
    await userEvent.type(screen.getByLabelText('Title'), 'Window cleaning for all libraries')
    await userEvent.type(screen.getByLabelText('What changed and why'), 'All libraries, not some')
    await userEvent.click(screen.getByRole('button', { name: 'Publish amendment' }))
    const summary = await screen.findByRole('alert')
    expect(summary).toHaveTextContent('This opportunity has closed to bids, so it can no longer be amended')
    await waitFor(() => expect(document.title).toMatch(/^Error: Amend this opportunity/))
  })

  it('does not offer to amend a closed opportunity', async () => {
    serveOpportunity(() => completeDraft({ status: 'closed', statusText: 'Closed' }))
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1')
    expect(await screen.findByText(/so it can no longer be amended/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Amend' })).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Cancel this opportunity' })).toHaveAttribute('href', '/buying/opp-1/cancel')
  })
})
