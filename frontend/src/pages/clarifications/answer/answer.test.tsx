import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { BuyingRoutes } from '../../buying/routes'
import { buyer, serve } from '../../dps/fixtures'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { answer, councilQuestion, ids } from '../fixtures'
import type { CouncilQuestion } from '../types'

const routes = <Route path="/buying/*" element={<BuyingRoutes />} />
const path = `/api/v1/questions/${ids.question}`

function server(q: CouncilQuestion, onPost: (url: URL, body: Record<string, unknown>) => Response) {
  const posted: [string, Record<string, unknown>][] = []
  serve(buyer, async (req, url) => {
    if (url.pathname === path && req.method === 'GET') return json(200, q)
    if (url.pathname.startsWith(path) && req.method === 'POST') {
      const body = (await req.json()) as Record<string, unknown>
      posted.push([url.pathname.slice(path.length), body])
      return onPost(url, body)
    }
    if (url.pathname === '/api/v1/clarifications/queue') return json(200, { items: [] })
    return undefined
  })
  return posted
}

describe('AnswerQuestion', () => {
  it('shows the council who asked and the question as asked', async () => {
    server(councilQuestion(), () => json(500, {}))
    renderPage(routes, `/buying/questions/${ids.question}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Insurance cover' })).toBeInTheDocument()
    expect(screen.getByText('Camden Green Cleaning')).toBeInTheDocument()
    expect(screen.getByText('Only the council sees this. It is never published.')).toBeInTheDocument()
    expect(screen.getByText('Camden Green Cleaning has £5m cover: is that enough?', { selector: 'p' })).toBeInTheDocument()
    // No private answer was asked for, so none is offered.
    expect(screen.queryByRole('radio', { name: 'Answer only the supplier who asked' })).not.toBeInTheDocument()
  })

  it('lets the buyer edit the asker out, previews exactly what everyone will see, then publishes', async () => {
    const posted = server(councilQuestion(), () => json(200, councilQuestion({ status: 'answered', answer: answer({ number: 2 }) })))
    renderPage(routes, `/buying/questions/${ids.question}`)
    const everyone = await screen.findByRole('radio', { name: 'Publish an answer to everyone' })
    expect(document.getElementById('choice-conditional')).toHaveClass('govuk-radios__conditional--hidden')
    await userEvent.click(everyone)
    expect(document.getElementById('choice-conditional')).not.toHaveClass('govuk-radios__conditional--hidden')
    const edited = screen.getByLabelText('The question as everyone will read it')
    expect(edited).toHaveValue('Camden Green Cleaning has £5m cover: is that enough?')
    await userEvent.clear(edited)
    await userEvent.type(edited, 'Is £5m cover enough?')
    await userEvent.type(screen.getByLabelText('Your answer'), 'Yes.')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answer before publishing it' })).toBeInTheDocument()
    const shown = screen.getByRole('region', { name: 'What everyone will see' })
    expect(within(shown).getByRole('heading')).toHaveTextContent('Answer 2: Insurance cover')
    expect(shown).toHaveTextContent('Is £5m cover enough?')
    expect(shown).toHaveTextContent('Yes.')
    expect(shown).not.toHaveTextContent('Camden Green Cleaning')
    expect(posted).toHaveLength(0)
    await userEvent.click(screen.getByRole('button', { name: 'Publish answer' }))
    expect(await screen.findByText('Answer 2 published to everyone')).toBeInTheDocument()
    expect(posted).toEqual([['/answer', { visibility: 'everyone', question: 'Is £5m cover enough?', answer: 'Yes.' }]])
  })

  it('shows the server’s errors against the fields, back on the form', async () => {
    server(councilQuestion(), () => json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.correctsNumber', message: 'There is no answer 9 on this opportunity' }] }))
    renderPage(routes, `/buying/questions/${ids.question}`)
    await userEvent.click(await screen.findByRole('radio', { name: 'Publish an answer to everyone' }))
    await userEvent.type(screen.getByLabelText('Your answer'), 'Yes.')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Publish answer' }))
    expect(await screen.findByRole('link', { name: 'There is no answer 9 on this opportunity' })).toHaveAttribute('href', '#correctsNumber')
    expect(document.title).toMatch(/^Error: /)
  })

  it('asks for the missing reason, and offers a private answer only when the asker asked', async () => {
    const posted = server(councilQuestion({ answerPrivately: true, privateReason: 'It shows our method' }), () => json(200, councilQuestion({ status: 'answered_privately' })))
    renderPage(routes, `/buying/questions/${ids.question}`)
    expect(await screen.findByText('It shows our method')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('radio', { name: 'Answer only the supplier who asked' }))
    await userEvent.type(screen.getAllByLabelText('Your answer')[1], 'Yes, privately.')
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(await screen.findByRole('link', { name: 'Say why the answer need not go to everyone' })).toHaveAttribute('href', '#privateReason')
    await userEvent.type(screen.getByLabelText('Why does the answer not need to go to everyone?'), 'Only about their kit')
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(await screen.findByText('Answered Q-7KD2MX privately')).toBeInTheDocument()
    expect(posted).toEqual([['/answer', { visibility: 'private', answer: 'Yes, privately.', privateReason: 'Only about their kit' }]])
  })

  it('merges with an earlier answered question, or declines with a reason', async () => {
    const posted = server(councilQuestion(), () => json(200, councilQuestion({ status: 'merged' })))
    renderPage(routes, `/buying/questions/${ids.question}`)
    await userEvent.click(await screen.findByRole('radio', { name: 'It is answered by an earlier question' }))
    await userEvent.selectOptions(screen.getByLabelText('Which answered question?'), 'Q-AAAAAA')
    await userEvent.click(screen.getByRole('button', { name: 'Send' }))
    expect(await screen.findByText('Q-7KD2MX answered with Q-AAAAAA')).toBeInTheDocument()
    expect(posted).toEqual([['/merge', { intoThreadRef: 'Q-AAAAAA' }]])
  })
})

describe('AnswerQuestion attachments', () => {
  const upload = `/api/v1/clarification-uploads/${ids.opportunity}`
  const doc = { id: 'doc-1', filename: 'staff-list.pdf', contentType: 'application/pdf', size: 2048, sha256: 'ab', url: '/api/v1/clarification-documents/doc-1' }

  function serveWithUploads() {
    const uploads: { filename: string | null; type: string | null }[] = []
    const answers: Record<string, unknown>[] = []
    serve(buyer, async (req, url) => {
      if (url.pathname === path && req.method === 'GET') return json(200, councilQuestion())
      if (url.pathname === upload && req.method === 'POST') {
        uploads.push({ filename: url.searchParams.get('filename'), type: req.headers.get('Content-Type') })
        return json(201, doc)
      }
      if (url.pathname === `${path}/answer`) {
        answers.push((await req.json()) as Record<string, unknown>)
        return json(200, councilQuestion({ status: 'answered', answer: answer({ number: 2, documents: [doc] }) }))
      }
      if (url.pathname === '/api/v1/clarifications/queue') return json(200, { items: [] })
      return undefined
    })
    return { uploads, answers }
  }

  it('uploads a chosen PDF, lists it, shows it in the preview and publishes the answer with it', async () => {
    const { uploads, answers } = serveWithUploads()
    renderPage(routes, `/buying/questions/${ids.question}`)
    await userEvent.click(await screen.findByRole('radio', { name: 'Publish an answer to everyone' }))
    await userEvent.type(screen.getByLabelText('Your answer'), 'Yes: see the staff list.')
    const pdf = new File(['%PDF-1.4 staff'], 'staff-list.pdf', { type: 'application/pdf' })
    await userEvent.upload(screen.getByLabelText('Attach a document (optional)'), pdf)
    await userEvent.click(screen.getByRole('button', { name: 'Attach file' }))
    expect(await screen.findByText('staff-list.pdf (2 KB)', { exact: false })).toBeInTheDocument()
    expect(uploads).toEqual([{ filename: 'staff-list.pdf', type: 'application/pdf' }])
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    const shown = await screen.findByRole('region', { name: 'What everyone will see' })
    expect(within(shown).getByRole('link', { name: 'staff-list.pdf' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Publish answer' }))
    expect(await screen.findByText('Answer 2 published to everyone')).toBeInTheDocument()
    expect(answers).toEqual([{ visibility: 'everyone', question: 'Camden Green Cleaning has £5m cover: is that enough?', answer: 'Yes: see the staff list.', documentIds: ['doc-1'] }])
  })

  it('refuses a file the council cannot publish before sending it, in the error summary', async () => {
    const { uploads } = serveWithUploads()
    renderPage(routes, `/buying/questions/${ids.question}`)
    await userEvent.click(await screen.findByRole('radio', { name: 'Publish an answer to everyone' }))
    await userEvent.upload(screen.getByLabelText('Attach a document (optional)'), new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }), { applyAccept: false })
    await userEvent.click(screen.getByRole('button', { name: 'Attach file' }))
    const summary = await screen.findByRole('alert')
    expect(within(summary).getByRole('link', { name: /The selected file must be a PDF/ })).toHaveAttribute('href', '#attachment')
    expect(uploads).toHaveLength(0)
  })
})
