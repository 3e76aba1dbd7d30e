import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { emptyDraft, serveOpportunity } from '../fixtures'
import { BuyingRoutes } from '../routes'

// Page tests drive a whole page with typing: slow on a busy machine.
describe('AboutTheWork', () => {
  it('says when someone else saved first, and shows their version to change again', async () => {
    let view = emptyDraft()
    const seen = serveOpportunity(
      () => view,
      (req, url) => {
        if (url.pathname === '/api/v1/opportunities/opp-1' && req.method === 'PUT') {
          // A colleague saved a moment before.
          view = { ...view, title: 'Window and gutter cleaning', summary: 'Their summary', version: 2 }
          return json(412, { status: 412, title: 'Precondition Failed', detail: 'Someone else changed it' })
        }
        return undefined
      },
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/about')
    await userEvent.type(await screen.findByLabelText('Summary'), 'My summary')
    await userEvent.type(screen.getByLabelText('Full description'), 'My description')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))

    // Their version, once loaded, comes with the message (waiting for the message alone could
    // catch it just before the page is drawn again with their version).
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Window and gutter cleaning'))
    expect(screen.getByText(/Someone else changed this opportunity while you were working on it/)).toBeInTheDocument()
    expect(screen.getByLabelText('Summary')).toHaveValue('Their summary')
    await waitFor(() => expect(document.title).toMatch(/^Error: About the work/))
    expect(seen.filter((r) => r.method === 'PUT')[0].headers.get('If-Match')).toBe('"1"')
  })

  it('checks the answers before saving', async () => {
    const seen = serveOpportunity(() => emptyDraft())
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/about')
    await userEvent.click(await screen.findByRole('button', { name: 'Save and continue' }))
    await screen.findByRole('alert')
    expect(screen.getByRole('link', { name: 'Enter a summary in plain English of what the council wants' })).toHaveAttribute('href', '#summary')
    expect(screen.getByRole('link', { name: 'Enter a full description of the work' })).toHaveAttribute('href', '#description')
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0)
  })

  it('names who suppliers can contact, checking the address first', async () => {
    let sent: Record<string, unknown> | undefined
    const seen = serveOpportunity(
      () => emptyDraft({ title: 'Gutters', summary: 'Gutter clearing', description: 'All libraries', procedure: 'open' }),
      async (req, url) => {
        if (url.pathname === '/api/v1/opportunities/opp-1' && req.method === 'PUT') {
          sent = await req.json()
          return json(200, emptyDraft({ version: 2 }), { ETag: '"2"' })
        }
        return undefined
      },
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/about')
    const contact = await screen.findByLabelText('Who can suppliers contact about it? (optional)')
    await userEvent.type(contact, 'jo.smith@')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    expect(await screen.findByRole('link', { name: 'Enter an email address in the correct format, like procurement@example.gov.uk' })).toHaveAttribute(
      'href',
      '#contactEmail',
    )
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0)
    await userEvent.type(contact, 'islington.example.gov.uk ')
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(sent?.contactEmail).toBe('jo.smith@islington.example.gov.uk'))
  })
})
