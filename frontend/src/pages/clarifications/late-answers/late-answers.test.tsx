import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { BuyingRoutes } from '../../buying/routes'
import { completeDraft, deadline, serveOpportunity } from '../../buying/fixtures'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import type { LateAnswers } from '../types'

const routes = <Route path="/buying/*" element={<BuyingRoutes />} />
const open = () => completeDraft({ status: 'open', statusText: 'Open', title: 'Graffiti removal in parks' })
const path = '/api/v1/opportunities/opp-1/late-answers'

function late(over: Partial<LateAnswers> = {}): LateAnswers {
  const view = open()
  return {
    offered: true,
    items: [
      { threadRef: 'Q-7KD2MX', subject: 'Insurance cover', kind: 'unanswered', answerBy: '2026-06-25T11:00:00Z' },
      { threadRef: 'Q-AAAAAA', subject: 'Working hours', kind: 'answered_late', answerBy: '2026-06-25T11:00:00Z', answeredAt: '2026-06-26T09:00:00Z' },
    ],
    decisions: [],
    submissionDeadline: view.submissionDeadline,
    ...over,
  }
}

function server(onPost: (body: Record<string, unknown>) => Response) {
  const posted: Record<string, unknown>[] = []
  serveOpportunity(open, async (req, url) => {
    if (url.pathname === path && req.method === 'GET') return json(200, late())
    if (url.pathname === `${path}/decision` && req.method === 'POST') {
      const body = (await req.json()) as Record<string, unknown>
      posted.push(body)
      return onPost(body)
    }
    return undefined
  })
  return posted
}

// A year after the current deadline, typed into the four boxes.
async function typeLaterDeadline() {
  const year = String(Number(open().submissionDeadline!.local.slice(0, 4)) + 1)
  await userEvent.type(screen.getByLabelText('Day'), '3')
  await userEvent.type(screen.getByLabelText('Month'), '7')
  await userEvent.type(screen.getByLabelText('Year'), year)
  await userEvent.type(screen.getByLabelText('Time'), '12pm')
  return `${year}-07-03T12:00`
}

describe('LateAnswers', () => {
  it('lists what is late, extends the deadline with a public reason, and confirms the new deadline', async () => {
    const newDeadline = deadline(new Date(Date.now() + 400 * 86_400_000))
    const posted = server(() => json(200, late({ offered: false, submissionDeadline: newDeadline })))
    renderPage(routes, '/buying/opp-1/late-answers')
    expect(await screen.findByRole('heading', { level: 1, name: 'Questions not answered in time' })).toBeInTheDocument()
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1)
    expect(rows[0]).toHaveTextContent('Insurance cover (Q-7KD2MX)')
    expect(within(rows[0]).getByText('Not answered')).toHaveClass('govuk-tag--red')
    expect(rows[1]).toHaveTextContent('Answered 26 June 2026 at 10am')
    await userEvent.click(screen.getByRole('radio', { name: 'Extend the deadline for bids' }))
    const local = await typeLaterDeadline()
    await userEvent.type(screen.getByLabelText('Why are you extending it?'), 'Two answers came late')
    await userEvent.click(screen.getByRole('button', { name: 'Confirm decision' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Deadline for bids extended' })).toBeInTheDocument()
    expect(screen.getByText(`The deadline for bids is now ${newDeadline.text}`)).toBeInTheDocument()
    expect(posted).toEqual([{ decision: 'extend', submissionDeadline: local, reason: 'Two answers came late' }])
  })

  it('asks for the reason before sending, and shows the server’s errors against the fields', async () => {
    const posted = server(() =>
      json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.submissionDeadline', message: 'Leave suppliers at least 25 days' }] }),
    )
    renderPage(routes, '/buying/opp-1/late-answers')
    await userEvent.click(await screen.findByRole('radio', { name: 'Extend the deadline for bids' }))
    await typeLaterDeadline()
    await userEvent.click(screen.getByRole('button', { name: 'Confirm decision' }))
    expect(await screen.findByRole('link', { name: 'Say why you are extending the deadline: everyone sees this' })).toHaveAttribute('href', '#extendReason')
    expect(posted).toHaveLength(0)
    await userEvent.type(screen.getByLabelText('Why are you extending it?'), 'Late')
    await userEvent.click(screen.getByRole('button', { name: 'Confirm decision' }))
    expect(await screen.findByRole('link', { name: 'Leave suppliers at least 25 days' })).toHaveAttribute('href', '#submissionDeadline-day')
    expect(document.title).toMatch(/^Error: /)
  })

  it('records a decision not to extend, and says plainly when nothing is late any more (409)', async () => {
    const posted = server(() => json(409, { status: 409, title: 'Conflict', detail: 'No answer is late on this opportunity now' }))
    renderPage(routes, '/buying/opp-1/late-answers')
    await userEvent.click(await screen.findByRole('radio', { name: 'Do not extend' }))
    await userEvent.type(screen.getByLabelText('Why are you not extending it?'), 'Both answers were minor')
    await userEvent.click(screen.getByRole('button', { name: 'Confirm decision' }))
    expect((await screen.findByText('No answer is late on this opportunity now')).closest('.govuk-error-summary')).not.toBeNull()
    // Still on the form, with nothing confirmed.
    expect(screen.queryByRole('heading', { level: 1, name: 'Decision recorded' })).not.toBeInTheDocument()
    expect(posted).toEqual([{ decision: 'decline', reason: 'Both answers were minor' }])
  })
})
