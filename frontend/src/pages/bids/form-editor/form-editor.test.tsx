import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { completeDraft, serveOpportunity } from '../../buying/fixtures'
import { BuyingRoutes } from '../../buying/routes'
import type { BidForm, BidFormInput, BidFormQuestion } from '../api-types'

const routes = <Route path="/buying/*" element={<BuyingRoutes />} />
const formApi = '/api/v1/opportunities/opp-1/response-form'
const method: BidFormQuestion = { id: 'q1', number: 1, kind: 'text', title: 'How will you do the work?', guidance: '', required: true, wordLimit: 500, criterion: 'Quality', weightShareBp: 10000, envelope: 'quality' }

function serveForm(state: { form?: BidForm; theirs?: BidForm }) {
  return serveOpportunity(
    () => completeDraft(),
    async (req, url) => {
      if (url.pathname !== formApi) return undefined
      // As the server does: a draft without a form has version 0 and no questions.
      if (req.method === 'GET')
        return state.form ? json(200, state.form, { ETag: `"${state.form.version}"` }) : json(200, { opportunityId: 'opp-1', version: 0, twoStage: false, questions: [] })
      if (state.theirs) {
        state.form = state.theirs
        state.theirs = undefined
        return json(412, { status: 412, title: 'Precondition Failed' })
      }
      const body = (await req.json()) as BidFormInput
      // The server numbers the questions and decides their envelopes, and refuses a body that says either.
      const said = body.questions.findIndex((q) => 'number' in q || 'envelope' in q)
      if (said >= 0) return json(422, { status: 422, errors: [{ location: `body.questions[${said}]`, message: 'unexpected property' }] })
      const version = (state.form?.version ?? 0) + 1
      const questions = body.questions.map((q, i) => ({
        guidance: '',
        required: false,
        ...q,
        scheduleLines: q.scheduleLines?.map((l, j) => ({ unit: '', ...l, id: l.id || `line${j}` })),
        id: q.id || `new${i}`,
        number: i + 1,
        envelope: q.kind === 'price' ? ('price' as const) : ('quality' as const),
      }))
      state.form = { opportunityId: 'opp-1', version, twoStage: body.twoStage ?? false, questions }
      return json(200, state.form, { ETag: `"${version}"` })
    },
  )
}

const puts = (seen: Request[]) => seen.filter((r) => r.method === 'PUT' && new URL(r.url).pathname === formApi)

describe('FormEditor', () => {
  it('adds a pricing schedule question scored under a criterion, saving the whole form for the first time without If-Match', async () => {
    const state: { form?: BidForm } = {}
    const seen = serveForm(state)
    renderPage(routes, '/buying/opp-1/response-form')
    expect(await screen.findByText('You have not added any questions yet.')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Add a question' }))
    await userEvent.type(await screen.findByRole('textbox', { name: 'Question' }), 'Your prices')
    await userEvent.click(screen.getByRole('radio', { name: 'Price' }))
    await userEvent.click(screen.getByRole('radio', { name: 'A pricing schedule: a unit price for each line' }))
    await userEvent.type(screen.getByRole('textbox', { name: 'What it is' }), 'Window cleaning')
    await userEvent.type(screen.getByRole('textbox', { name: 'Quantity' }), '40.5')
    await userEvent.type(screen.getByRole('textbox', { name: 'Unit' }), 'visits')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Which criterion does it score under?' }), 'Price')
    await userEvent.type(screen.getByRole('textbox', { name: 'Its share of that criterion’s weight' }), '100')
    await userEvent.click(screen.getByRole('button', { name: 'Save question' }))
    expect(await screen.findByText('Question added.')).toBeInTheDocument()
    const [put] = puts(seen)
    expect(put.headers.get('If-Match')).toBeNull()
    expect(await put.json()).toEqual({
      twoStage: false,
      questions: [
        {
          id: '',
          kind: 'price',
          title: 'Your prices',
          guidance: '',
          required: true,
          priceMode: 'schedule',
          scheduleLines: [{ id: '', description: 'Window cleaning', quantity: 40.5, unit: 'visits' }],
          criterion: 'Price',
          weightShareBp: 10000,
        },
      ],
    })
    expect(screen.getByRole('heading', { name: '1. Your prices' }).parentElement).toHaveTextContent('Window cleaning: 40.5 visits')
  })

  it('says what is missing before saving', async () => {
    const seen = serveForm({})
    renderPage(routes, '/buying/opp-1/response-form/new')
    await userEvent.click(await screen.findByRole('button', { name: 'Save question' }))
    const summary = await screen.findByRole('alert')
    expect(within(summary).getByRole('link', { name: 'Select what suppliers give' })).toHaveAttribute('href', '#kind')
    expect(within(summary).getByRole('link', { name: 'Enter the question' })).toHaveAttribute('href', '#title')
    expect(puts(seen)).toHaveLength(0)
  })

  it('asks a written answer for a word limit from 1 to 10,000, as the server does, before saving', async () => {
    const seen = serveForm({})
    renderPage(routes, '/buying/opp-1/response-form/new')
    await userEvent.type(await screen.findByRole('textbox', { name: 'Question' }), 'How will you do the work?')
    await userEvent.click(screen.getByRole('radio', { name: 'Written answer' }))
    await userEvent.click(screen.getByRole('button', { name: 'Save question' }))
    let summary = await screen.findByRole('alert')
    expect(within(summary).getByRole('link', { name: 'Enter the word limit' })).toHaveAttribute('href', '#wordLimit')
    const limit = screen.getByRole('textbox', { name: /^Word limit/ })
    await userEvent.type(limit, '20,000')
    await userEvent.click(screen.getByRole('button', { name: 'Save question' }))
    summary = await screen.findByRole('alert')
    expect(await within(summary).findByRole('link', { name: 'The word limit must be 10,000 or fewer' })).toBeInTheDocument()
    await userEvent.clear(limit)
    await userEvent.type(limit, '0')
    await userEvent.click(screen.getByRole('button', { name: 'Save question' }))
    expect(await within(await screen.findByRole('alert')).findByRole('link', { name: 'The word limit must be 1 or more' })).toBeInTheDocument()
    expect(puts(seen)).toHaveLength(0)
  })

  it('changes a question with If-Match, and says so when someone else saved first', async () => {
    const state: { form?: BidForm; theirs?: BidForm } = { form: { opportunityId: 'opp-1', version: 2, twoStage: false, questions: [method] } }
    state.theirs = { ...state.form!, version: 3, questions: [{ ...method, title: 'Their title' }] }
    const seen = serveForm(state)
    renderPage(routes, '/buying/opp-1/response-form/q1')
    const box = await screen.findByRole('textbox', { name: 'Question' })
    expect(screen.getByRole('textbox', { name: 'Word limit' })).toHaveValue('500')
    await userEvent.clear(box)
    await userEvent.type(box, 'My title')
    await userEvent.click(screen.getByRole('button', { name: 'Save question' }))
    expect(await screen.findByText('Someone else changed this response form')).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Question' })).toHaveValue('Their title'))
    expect(puts(seen)[0].headers.get('If-Match')).toBe('"2"')
  })

  it('removes a question', async () => {
    const state: { form?: BidForm } = { form: { opportunityId: 'opp-1', version: 2, twoStage: false, questions: [method, { ...method, id: 'q2', number: 2, title: 'Staff' }] } }
    const seen = serveForm(state)
    renderPage(routes, '/buying/opp-1/response-form')
    await userEvent.click(await screen.findByRole('button', { name: /Remove\s*question 1: How will you do the work\?/ }))
    expect(await screen.findByText('Question ‘How will you do the work?’ removed.')).toBeInTheDocument()
    const body = (await puts(seen)[0].json()) as BidFormInput
    expect(body.questions.map((q) => [q.id, q.title])).toEqual([['q2', 'Staff']])
    expect(await screen.findByRole('heading', { name: '1. Staff' })).toBeInTheDocument()
  })

  it('is a task on the draft’s task list, completed once it has a question', async () => {
    serveForm({ form: { opportunityId: 'opp-1', version: 2, twoStage: false, questions: [method] } })
    renderPage(routes, '/buying/opp-1')
    const link = await screen.findByRole('link', { name: 'Response form' })
    expect(link).toHaveAttribute('href', '/buying/opp-1/response-form')
    await waitFor(() => expect(link).toHaveAccessibleDescription(/Completed/))
  })
})
