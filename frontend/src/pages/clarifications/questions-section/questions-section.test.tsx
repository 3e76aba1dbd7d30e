import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { QuestionsSlot } from '../../opportunities/questions-slot'
import { answer, ids, question } from '../fixtures'
import { questionsOpen } from './questions-section'

const published = `/api/v1/opportunities/${ids.opportunity}/questions`
const opp = (over = {}) => ({
  id: ids.opportunity,
  status: 'open',
  clarificationDeadline: { at: '2099-06-24T11:00:00Z', text: 'midday on 24 June 2099' },
  submissionDeadline: { at: '2099-07-01T11:00:00Z' },
  ...over,
})
const routes = (o = opp()) => <Route path="/opportunities/:id" element={<QuestionsSlot opportunity={o} />} />

const answers = {
  items: [
    answer({ number: 2, threadRef: 'Q-BBBBBB', subject: 'Insurance cover (corrected)', answer: '£10m is the minimum.', correctsNumber: 1 }),
    answer({ number: 1, correctedByNumber: 2 }),
  ],
  lateAnswerDecisions: [],
}

describe('QuestionsSection', () => {
  it('lists the published answers newest first, with their corrections, to someone not signed in', async () => {
    mockServer((req, url) => (url.pathname === published ? json(200, answers) : anonymous(req, url)))
    renderPage(routes(), `/opportunities/${ids.opportunity}`)
    const section = await screen.findByRole('region', { name: 'Questions and answers' })
    expect(section).toHaveAttribute('id', 'questions')
    const headings = await within(section).findAllByRole('heading', { level: 3 })
    expect(headings.map((h) => h.textContent)).toEqual(['Answer 2: Insurance cover (corrected)', 'Answer 1: Insurance cover'])
    expect(within(section).getByText(/This corrects/)).toHaveTextContent('This corrects answer 1.')
    expect(within(section).getByRole('link', { name: 'answer 1' })).toHaveAttribute('href', '#answer-1')
    expect(within(section).getByText(/This answer is corrected by/)).toHaveTextContent('corrected by answer 2')
    expect(within(section).getAllByText('Published 10 June 2026 · reference', { exact: false })).toHaveLength(2)
    expect(screen.getByRole('link', { name: 'Sign in to ask a question' })).toHaveAttribute('href', '/sign-in')
    expect(screen.getByText('You can ask questions until midday on 24 June 2099.')).toBeInTheDocument()
  })

  it('gives a signed-in supplier the button to ask and their own questions, and names no asker in the answers', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      // Were the server ever to send who asked, the section must still not show it.
      if (url.pathname === published) return json(200, { ...answers, items: answers.items.map((a) => ({ ...a, organisationName: 'Camden Green Cleaning' })) })
      if (url.pathname === '/api/v1/supplier/questions' && url.searchParams.get('opportunityId') === ids.opportunity)
        return json(200, { items: [question({ subject: 'Parking', threadRef: 'Q-MINE22' })] })
      return anonymous(req, url)
    })
    renderPage(routes(), `/opportunities/${ids.opportunity}`)
    expect(await screen.findByRole('button', { name: 'Ask a question' })).toHaveAttribute('href', `/opportunities/${ids.opportunity}/ask`)
    expect(await screen.findByRole('heading', { name: 'Your questions on this opportunity' })).toBeInTheDocument()
    expect(screen.getByText(/Parking \(Q-MINE22\)/)).toBeInTheDocument()
    expect(screen.getByText('Waiting for an answer')).toHaveClass('govuk-tag')
    // The published answers carry no asker, and the section adds none.
    const answersText = screen.getAllByRole('article').map((a) => a.textContent).join(' ')
    expect(answersText).not.toContain('Camden Green Cleaning')
    expect(answersText).not.toContain(supplier.organisations[0].name)
    expect(answersText).not.toContain(supplier.name)
    expect(answersText).not.toContain(supplier.email)
  })

  it('links the documents attached to an answer, with their size', async () => {
    const doc = { id: 'd1', filename: 'staff-list.pdf', contentType: 'application/pdf', size: 250_000, sha256: 'ab', url: '/api/v1/clarification-documents/d1' }
    mockServer((req, url) =>
      url.pathname === published ? json(200, { items: [answer({ documents: [doc] })], lateAnswerDecisions: [] }) : anonymous(req, url),
    )
    renderPage(routes(), `/opportunities/${ids.opportunity}`)
    const link = await screen.findByRole('link', { name: 'staff-list.pdf' })
    expect(link).toHaveAttribute('href', '/api/v1/clarification-documents/d1')
    expect(link.parentElement).toHaveTextContent('staff-list.pdf (244 KB)')
  })

  it('says when questions closed and offers no way to ask', async () => {
    mockServer((req, url) => (url.pathname === published ? json(200, { items: [], lateAnswerDecisions: [] }) : anonymous(req, url)))
    renderPage(routes(opp({ clarificationDeadline: { at: '2020-06-24T11:00:00Z', text: 'midday on 24 June 2020' } })), `/opportunities/${ids.opportunity}`)
    expect(await screen.findByText('The council has not published any answers yet.')).toBeInTheDocument()
    expect(screen.getByText('Questions closed at midday on 24 June 2020.')).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'Sign in to ask a question' })).not.toBeInTheDocument()
  })

  it('shows publicly why the council did or did not give more time when answers came late', async () => {
    const late = { items: [], lateAnswerDecisions: [{ decidedOn: '2026-06-20', decidedOnText: '20 June 2026', decision: 'declined', reason: 'The answer changed nothing material.' }] }
    mockServer((req, url) => (url.pathname === published ? json(200, late) : anonymous(req, url)))
    renderPage(routes(), `/opportunities/${ids.opportunity}`)
    expect(await screen.findByText(/on 20 June 2026 the council decided not to give more time to bid/)).toBeInTheDocument()
    expect(screen.getByText('The answer changed nothing material.')).toBeInTheDocument()
  })
})

describe('questionsOpen', () => {
  it('closes at the clarification deadline, or the deadline for bids without one', () => {
    const at = new Date('2026-06-24T11:00:00Z')
    expect(questionsOpen(opp({ clarificationDeadline: { at: '2026-06-24T11:00:00Z' } }), new Date(at.getTime() - 1))).toBe(true)
    expect(questionsOpen(opp({ clarificationDeadline: { at: '2026-06-24T11:00:00Z' } }), at)).toBe(false)
    expect(questionsOpen(opp({ clarificationDeadline: undefined, submissionDeadline: { at: '2026-07-01T11:00:00Z' } }), at)).toBe(true)
    expect(questionsOpen(opp({ status: 'closed' }), at)).toBe(false)
  })
})
