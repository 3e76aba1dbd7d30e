import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { view } from '../../opportunities/fixtures'
import { OpportunitiesRoutes } from '../../opportunities/routes'
import { question } from '../fixtures'
import { homeCare } from '../../dps/fixtures'
import { DpsRoutes } from '../../dps/routes'

const id = view.id
const open = {
  ...view,
  clarificationDeadline: { at: '2099-06-24T11:00:00Z', local: '2099-06-24T12:00', text: 'midday on 24 June 2099' },
  submissionDeadline: { at: '2099-07-01T11:00:00Z', local: '2099-07-01T12:00', text: 'midday on 1 July 2099' },
  lots: [{ id: 'lot-1', title: 'North parks', description: '', valuePence: 0, valueText: '', cpvCode: '', cpvDescription: '' }],
} as typeof view
const routes = <Route path="/opportunities/*" element={<OpportunitiesRoutes />} />

function serve(onPost: (body: Record<string, unknown>) => Response) {
  const posted: Record<string, unknown>[] = []
  mockServer(async (req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === `/api/v1/opportunities/${id}`) return json(200, open)
    if (url.pathname === `/api/v1/opportunities/${id}/questions` && req.method === 'POST') {
      const body = (await req.json()) as Record<string, unknown>
      posted.push(body)
      return onPost(body)
    }
    return anonymous(req, url)
  })
  return posted
}

describe('Ask', () => {
  it('says what is missing against each field, with the error summary and title', async () => {
    const posted = serve(() => json(201, question()))
    renderPage(routes, `/opportunities/${id}/ask`)
    await userEvent.click(await screen.findByRole('button', { name: 'Send question' }))
    const summary = await screen.findByRole('alert')
    expect(within(summary).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Enter what your question is about', '#subject'],
      ['Enter your question', '#question'],
    ])
    expect(screen.getByLabelText('Subject')).toHaveAccessibleDescription(/Error: Enter what your question is about/)
    expect(document.title).toMatch(/^Error: Ask a question/)
    expect(posted).toHaveLength(0)
  })

  it('reveals the reason box only when a private answer is asked for, and asks for a reason', async () => {
    serve(() => json(201, question()))
    renderPage(routes, `/opportunities/${id}/ask`)
    const box = await screen.findByRole('checkbox', { name: /Please answer us privately/ })
    const reveal = document.getElementById('answerPrivately-conditional')!
    expect(reveal).toHaveClass('govuk-checkboxes__conditional--hidden')
    expect(box).toHaveAttribute('aria-controls', 'answerPrivately-conditional')
    await userEvent.click(box)
    expect(reveal).not.toHaveClass('govuk-checkboxes__conditional--hidden')
    await userEvent.type(screen.getByLabelText('Subject'), 'Method')
    await userEvent.type(screen.getByLabelText('Your question'), 'Can we use steam?')
    await userEvent.click(screen.getByRole('button', { name: 'Send question' }))
    expect(await screen.findByRole('link', { name: 'Say why the answer should go only to you' })).toHaveAttribute('href', '#privateReason')
  })

  it('counts the characters left of 5,000', async () => {
    serve(() => json(201, question()))
    renderPage(routes, `/opportunities/${id}/ask`)
    await userEvent.type(await screen.findByLabelText('Your question'), 'Hello')
    expect(screen.getByText('You have 4,995 characters remaining')).toBeInTheDocument()
  })

  it('shows the server’s errors against the fields', async () => {
    serve(() => json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.lotId', message: 'Choose a lot of this opportunity' }] }))
    renderPage(routes, `/opportunities/${id}/ask`)
    await userEvent.type(await screen.findByLabelText('Subject'), 'Lots')
    await userEvent.type(screen.getByLabelText('Your question'), 'Which lot covers the library?')
    await userEvent.selectOptions(screen.getByLabelText('Which lot is it about? (optional)'), 'lot-1')
    await userEvent.click(screen.getByRole('button', { name: 'Send question' }))
    expect(await screen.findByRole('link', { name: 'Choose a lot of this opportunity' })).toHaveAttribute('href', '#lotId')
    expect(screen.getByLabelText('Which lot is it about? (optional)')).toHaveAccessibleDescription(/Choose a lot of this opportunity/)
  })

  it('says clearly when questions have closed, keeping what was typed', async () => {
    serve(() =>
      json(409, { status: 409, title: 'Conflict', detail: 'Questions on this opportunity closed at midday on 24 June 2026. If you need to ask something now, write to buy@council.example' }),
    )
    renderPage(routes, `/opportunities/${id}/ask`)
    await userEvent.type(await screen.findByLabelText('Subject'), 'Late')
    await userEvent.type(screen.getByLabelText('Your question'), 'One more thing')
    await userEvent.click(screen.getByRole('button', { name: 'Send question' }))
    const summary = await screen.findByRole('alert')
    expect(within(summary).getByRole('heading')).toHaveTextContent('Questions on this opportunity have closed')
    expect(summary).toHaveTextContent('write to buy@council.example')
    expect(screen.getByLabelText('Your question')).toHaveValue('One more thing')
  })

  it('sends the question and confirms it with its reference and when the council aims to answer', async () => {
    const posted = serve(() => json(201, question({ threadRef: 'Q-NEW123', answerByText: 'midday on 25 June 2099' })))
    renderPage(routes, `/opportunities/${id}/ask`)
    await userEvent.type(await screen.findByLabelText('Subject'), ' Insurance ')
    await userEvent.type(screen.getByLabelText('Your question'), 'Is £5m enough?')
    await userEvent.click(screen.getByRole('checkbox', { name: /Please answer us privately/ }))
    await userEvent.type(screen.getByLabelText('Why should only you get the answer?'), 'It shows our insurer')
    await userEvent.click(screen.getByRole('button', { name: 'Send question' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Question sent' })).toBeInTheDocument()
    expect(screen.getByText('Q-NEW123')).toBeInTheDocument()
    expect(screen.getByText(/The council aims to answer by midday on 25 June 2099\./)).toBeInTheDocument()
    expect(posted).toEqual([
      { subject: 'Insurance', question: 'Is £5m enough?', organisationId: supplier.organisations[0].id, answerPrivately: true, privateReason: 'It shows our insurer' },
    ])
  })
})

describe('AskAboutDps', () => {
  it('sends a question about joining a DPS to the DPS, and confirms it with the way back to the list', async () => {
    const posted: Record<string, unknown>[] = []
    mockServer(async (req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === `/api/v1/dps/${homeCare().id}`) return json(200, homeCare())
      if (url.pathname === `/api/v1/dps/${homeCare().id}/questions` && req.method === 'POST') {
        posted.push((await req.json()) as Record<string, unknown>)
        return json(201, question({ opportunityId: '', opportunityTitle: '', dpsId: homeCare().id, dpsTitle: 'Home care and support', answerByText: undefined }))
      }
      return anonymous(req, url)
    })
    renderPage(<Route path="/dps/*" element={<DpsRoutes />} />, `/dps/${homeCare().id}/ask`)
    expect(await screen.findByText('Home care and support')).toBeInTheDocument()
    expect(screen.getByText('You can ask until the end of 31 March 2030.')).toBeInTheDocument()
    // A DPS has no lots or documents to choose from.
    expect(screen.queryByLabelText(/Which lot/)).not.toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Subject'), 'Insurance')
    await userEvent.type(screen.getByLabelText('Your question'), 'Is £2m cover enough to join?')
    await userEvent.click(screen.getByRole('button', { name: 'Send question' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Question sent' })).toBeInTheDocument()
    expect(posted).toEqual([{ subject: 'Insurance', question: 'Is £2m cover enough to join?', organisationId: supplier.organisations[0].id }])
    expect(screen.getByRole('link', { name: 'Back to Home care and support' })).toHaveAttribute('href', `/dps/${homeCare().id}#questions`)
    expect(screen.getByText(/on the list’s page for everyone/)).toBeInTheDocument()
  })
})
