import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { completeDraft, deadline, serveOpportunity } from '../fixtures'
import { BuyingRoutes } from '../routes'

const path = '/buying/opp-1/check'
const publishPath = '/api/v1/opportunities/opp-1/publish'

// Page tests drive a whole page with typing: slow on a busy machine.
describe('CheckAndPublish', () => {
  it('shows every answer with the rule checks, publishes with If-Match and confirms with the reference', async () => {
    let view = completeDraft()
    const seen = serveOpportunity(
      () => view,
      (req, url) => {
        if (url.pathname === publishPath && req.method === 'POST') {
          view = { ...view, status: 'open', statusText: 'Open', version: 5 }
          return json(200, view, { ETag: '"5"' })
        }
        return undefined
      },
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, path)
    await screen.findByRole('heading', { name: 'Check your answers before publishing' })
    expect(screen.getByText('Window-cleaning services (90911300-9)')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /^Change\s*title$/ })).toHaveAttribute('href', '/buying/opp-1/about?change=1')
    expect(screen.getByText('Weights add up to 100%')).toBeInTheDocument()
    expect(screen.getByText(/Suppliers get 39 days to bid if you publish now/)).toBeInTheDocument()
    expect(screen.queryByLabelText('Reason for a shorter time to bid')).not.toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Publish opportunity' }))
    expect(await screen.findByRole('heading', { name: 'Opportunity published' })).toBeInTheDocument()
    expect(screen.getByText('FT-2026-000123')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'See the opportunity as suppliers see it' })).toHaveAttribute('href', '/opportunities/opp-1')
    const publish = seen.find((r) => new URL(r.url).pathname === publishPath)!
    expect(publish.headers.get('If-Match')).toBe('"4"')
  })

  it('warns before the publish button of a deadline on a bank holiday, and still publishes', async () => {
    const message =
      'The deadline for bids is on Friday 1 January 2027, New Year’s Day, a bank holiday: suppliers and the council’s helpdesk may not be working. Consider Monday 4 January 2027.'
    serveOpportunity(() => completeDraft({ publishWarnings: [{ field: 'submissionDeadline', message }] }))
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, path)
    const warning = (await screen.findByText(message)).closest('.govuk-warning-text')!
    expect(warning).toBeInTheDocument()
    const button = screen.getByRole('button', { name: 'Publish opportunity' })
    expect(warning.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(button).toBeEnabled()
  })

  it('puts the server’s errors on the publish where they can be put right, with Error: in the title', async () => {
    // 12 days: too short for an open tender, so the reason box is offered.
    const view = completeDraft({ submissionDeadline: deadline(new Date(Date.now() + 12 * 86_400_000)) })
    const seen = serveOpportunity(
      () => view,
      (req, url) => {
        if (url.pathname === publishPath && req.method === 'POST')
          return json(422, {
            status: 422,
            title: 'Unprocessable Entity',
            errors: [
              { location: 'body.submissionDeadline', message: 'Open tender must give suppliers at least 25 days to bid from today' },
              { location: 'body.criteria', message: 'The weights add up to 95%: they must add up to 100%' },
              { location: 'body.socialValueJustification', message: 'Social value weighs 15%, less than 20%: explain why' },
            ],
          })
        return undefined
      },
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, path)
    await screen.findByRole('heading', { name: 'Check your answers before publishing' })
    expect(screen.getByText(/Suppliers would get 11 days to bid if you publish now/)).toBeInTheDocument()
    expect(screen.getByLabelText('Reason for a shorter time to bid')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Publish opportunity' }))
    const summary = await screen.findByRole('alert')
    expect(within(summary).getByRole('link', { name: /at least 25 days/ })).toHaveAttribute('href', '#shortPeriodReason')
    expect(within(summary).getByRole('link', { name: /weights add up to 95%/ })).toHaveAttribute('href', '/buying/opp-1/how-bids-will-be-judged')
    expect(within(summary).getByRole('link', { name: /Social value weighs 15%/ })).toHaveAttribute('href', '/buying/opp-1/how-bids-will-be-judged')
    expect(screen.getByLabelText('Reason for a shorter time to bid')).toHaveAccessibleDescription(/at least 25 days/)
    await waitFor(() => expect(document.title).toMatch(/^Error: Check your answers before publishing/))

    // The task's page shows the server's error at its field.
    await userEvent.click(within(summary).getByRole('link', { name: /weights add up to 95%/ }))
    await screen.findByRole('heading', { name: 'How bids will be judged' })
    expect(screen.getByLabelText('Weight', { selector: '#criteria-0-weightBp' })).toHaveAccessibleDescription(/weights add up to 95%/)
    expect(screen.getByLabelText('Why does social value weigh less than 20%?')).toBeInTheDocument()
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0)
  })

  it('saves the reason for a shorter time to bid before publishing', async () => {
    let view = completeDraft({ submissionDeadline: deadline(new Date(Date.now() + 12 * 86_400_000)) })
    const seen = serveOpportunity(
      () => view,
      async (req, url) => {
        if (url.pathname === '/api/v1/opportunities/opp-1' && req.method === 'PUT') {
          view = { ...view, shortPeriodReason: (await req.clone().json()).shortPeriodReason, version: 5 }
          return json(200, view, { ETag: '"5"' })
        }
        if (url.pathname === publishPath) {
          view = { ...view, status: 'open', version: 6 }
          return json(200, view, { ETag: '"6"' })
        }
        return undefined
      },
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, path)
    await userEvent.type(await screen.findByLabelText('Reason for a shorter time to bid'), 'Urgent: the current contract ends')
    await userEvent.click(screen.getByRole('button', { name: 'Publish opportunity' }))
    await screen.findByRole('heading', { name: 'Opportunity published' })
    const put = seen.find((r) => r.method === 'PUT')!
    expect(put.headers.get('If-Match')).toBe('"4"')
    expect((await put.json()).shortPeriodReason).toBe('Urgent: the current contract ends')
    expect(seen.find((r) => new URL(r.url).pathname === publishPath)!.headers.get('If-Match')).toBe('"5"')
  })

  it('says when someone else changed the draft first, and shows the latest', async () => {
    let view = completeDraft()
    serveOpportunity(
      () => view,
      (_req, url) => {
        if (url.pathname === publishPath) {
          view = { ...view, title: 'Window and gutter cleaning', version: 5 }
          return json(412, { status: 412, title: 'Precondition Failed', detail: 'Someone else saved first' })
        }
        return undefined
      },
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, path)
    await userEvent.click(await screen.findByRole('button', { name: 'Publish opportunity' }))
    // Their version, once loaded, comes with the message (waiting for the message alone could
    // catch it just before the page is drawn again with their version).
    expect(await screen.findAllByText('Window and gutter cleaning')).not.toHaveLength(0)
    expect(screen.getByText(/Someone else changed this opportunity while you were working on it/)).toBeInTheDocument()
  })
})
