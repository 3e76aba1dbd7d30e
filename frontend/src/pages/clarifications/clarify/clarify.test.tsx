import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { BuyingRoutes } from '../../buying/routes'
import { completeDraft, serveOpportunity } from '../../buying/fixtures'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { answer, councilQuestion } from '../fixtures'

const routes = <Route path="/buying/*" element={<BuyingRoutes />} />
const open = () => completeDraft({ status: 'open', statusText: 'Open', title: 'Graffiti removal in parks' })
const path = '/api/v1/opportunities/opp-1/clarifications'

function server(onPost: (body: Record<string, unknown>) => Response) {
  const posted: Record<string, unknown>[] = []
  const seen = serveOpportunity(open, async (req, url) => {
    if (url.pathname === '/api/v1/opportunities/opp-1/questions' && req.method === 'GET') return json(200, { items: [answer()], lateAnswerDecisions: [] })
    if (url.pathname === '/api/v1/clarifications/queue') return json(200, { items: [councilQuestion({ opportunityId: 'opp-1' })] })
    if (url.pathname === path && req.method === 'POST') {
      const body = (await req.json()) as Record<string, unknown>
      posted.push(body)
      return onPost(body)
    }
    return undefined
  })
  return { posted, seen }
}

describe('Clarify', () => {
  it('is offered on the opportunity with how many questions wait, and links to them', async () => {
    const { seen } = server(() => json(500, {}))
    renderPage(routes, '/buying/opp-1')
    expect(await screen.findByRole('link', { name: 'Questions and answers: 1 waiting' })).toHaveAttribute('href', '/buying/questions?opportunityId=opp-1')
    expect(screen.getByRole('link', { name: 'Publish a clarification' })).toHaveAttribute('href', '/buying/opp-1/clarify')
    const asked = seen.map((r) => new URL(r.url)).find((u) => u.pathname === '/api/v1/clarifications/queue')!
    expect(asked.searchParams.get('opportunityId')).toBe('opp-1')
    expect(asked.searchParams.get('waiting')).toBe('true')
  })

  it('previews the clarification numbered after the last answer, then publishes it', async () => {
    const { posted } = server(() => json(201, answer({ number: 2, subject: 'Site visit', threadRef: 'Q-BBBBBB' })))
    renderPage(routes, '/buying/opp-1/clarify')
    await userEvent.type(await screen.findByLabelText('What is it about?'), 'Site visit')
    await userEvent.type(screen.getByLabelText('The clarification'), 'The visit is on 3 July at 10am.')
    await userEvent.selectOptions(screen.getByLabelText('Does it correct an earlier answer? (optional)'), '1')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    const shown = await screen.findByRole('region', { name: 'What everyone will see' })
    expect(within(shown).getByRole('heading')).toHaveTextContent('Answer 2: Site visit')
    expect(shown).toHaveTextContent('This corrects answer 1.')
    expect(shown).toHaveTextContent('The visit is on 3 July at 10am.')
    expect(posted).toHaveLength(0)
    await userEvent.click(screen.getByRole('button', { name: 'Publish answer' }))
    expect(await screen.findByText('Clarification published to everyone as answer 2')).toBeInTheDocument()
    expect(posted).toEqual([{ subject: 'Site visit', answer: 'The visit is on 3 July at 10am.', correctsNumber: 1 }])
  })

  it('asks for the subject and the clarification, and shows the server’s errors against the fields', async () => {
    const { posted } = server(() => json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.correctsNumber', message: 'There is no answer 9 on this opportunity' }] }))
    renderPage(routes, '/buying/opp-1/clarify')
    await userEvent.click(await screen.findByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('link', { name: 'Enter what the clarification is about' })).toHaveAttribute('href', '#subject')
    expect(screen.getByRole('link', { name: 'Enter the clarification' })).toHaveAttribute('href', '#answer')
    expect(posted).toHaveLength(0)
    await userEvent.type(screen.getByLabelText('What is it about?'), 'Site visit')
    await userEvent.type(screen.getByLabelText('The clarification'), 'On 3 July.')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Publish answer' }))
    expect(await screen.findByRole('link', { name: 'There is no answer 9 on this opportunity' })).toHaveAttribute('href', '#correctsNumber')
    expect(document.title).toMatch(/^Error: /)
  })
})

describe('Clarify attachments', () => {
  it('attaches an uploaded document, shows it in the preview and publishes the clarification with it', async () => {
    const doc = { id: 'doc-9', filename: 'site-map.pdf', contentType: 'application/pdf', size: 4096, sha256: 'cd', url: '/api/v1/clarification-documents/doc-9' }
    const posted: Record<string, unknown>[] = []
    const uploads: string[] = []
    serveOpportunity(open, async (req, url) => {
      if (url.pathname === '/api/v1/opportunities/opp-1/questions' && req.method === 'GET') return json(200, { items: [], lateAnswerDecisions: [] })
      if (url.pathname === '/api/v1/clarification-uploads/opp-1' && req.method === 'POST') {
        uploads.push(url.searchParams.get('filename') ?? '')
        return json(201, doc)
      }
      if (url.pathname === path && req.method === 'POST') {
        posted.push((await req.json()) as Record<string, unknown>)
        return json(201, answer({ number: 1, subject: 'Site visit', documents: [doc] }))
      }
      return undefined
    })
    renderPage(routes, '/buying/opp-1/clarify')
    await userEvent.type(await screen.findByLabelText('What is it about?'), 'Site visit')
    await userEvent.type(screen.getByLabelText('The clarification'), 'The map shows where to meet.')
    await userEvent.upload(screen.getByLabelText('Attach a document (optional)'), new File(['%PDF-1.4'], 'site-map.pdf', { type: 'application/pdf' }))
    await userEvent.click(screen.getByRole('button', { name: 'Attach file' }))
    expect(await screen.findByText('site-map.pdf (4 KB)', { exact: false })).toBeInTheDocument()
    expect(uploads).toEqual(['site-map.pdf'])
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    const shown = await screen.findByRole('region', { name: 'What everyone will see' })
    expect(within(shown).getByRole('link', { name: 'site-map.pdf' })).toHaveAttribute('href', '/api/v1/clarification-documents/doc-9')
    await userEvent.click(screen.getByRole('button', { name: /Publish/ }))
    await screen.findByText(/Clarification published to everyone/)
    expect(posted).toEqual([{ subject: 'Site visit', answer: 'The map shows where to meet.', documentIds: ['doc-9'] }])
  })
})
