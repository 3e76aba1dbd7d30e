import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { completeDraft, serveOpportunity } from '../fixtures'
import { BuyingRoutes } from '../routes'

const spec = { id: 'doc-1', filename: 'spec.pdf', contentType: 'application/pdf', size: 10, sha256: 'x', uploadedAt: new Date().toISOString(), current: true, url: '' }

// Page tests drive a whole page with typing: slow on a busy machine.
describe('AmendDocument', () => {
  it('replaces a document with a note, streamed as the request body', async () => {
    const seen = serveOpportunity(
      () => completeDraft({ status: 'open', documents: [spec] }),
      (req, url) => (url.pathname === '/api/v1/opportunity-uploads/opp-1' && req.method === 'POST' ? json(201, spec) : undefined),
    )
    renderPage(<Route path="/buying/*" element={<BuyingRoutes />} />, '/buying/opp-1/amend/document')
    await userEvent.click(await screen.findByRole('button', { name: 'Publish document' }))
    await screen.findByRole('alert')
    expect(screen.getByRole('link', { name: 'Select a document to upload' })).toHaveAttribute('href', '#file')
    expect(screen.getByRole('link', { name: /Say what the document is or what changed/ })).toHaveAttribute('href', '#note')

    await userEvent.upload(screen.getByLabelText('Upload a document'), new File(['%PDF-1.4'], 'spec v2.pdf', { type: 'application/pdf' }))
    await userEvent.click(screen.getByLabelText('Yes, it replaces spec.pdf'))
    await userEvent.type(screen.getByLabelText('What the document is, or what changed'), 'Corrected the list of libraries')
    await userEvent.click(screen.getByRole('button', { name: 'Publish document' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/buying\/opp-1$/))
    const post = seen.find((r) => r.method === 'POST')!
    const q = new URL(post.url).searchParams
    expect(Object.fromEntries(q)).toEqual({ filename: 'spec v2.pdf', note: 'Corrected the list of libraries', replaces: 'doc-1' })
    expect(post.headers.get('Content-Type')).toBe('application/pdf')
  })
})
