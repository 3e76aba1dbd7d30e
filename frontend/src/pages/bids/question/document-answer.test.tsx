import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import type { BidDocument } from '../api-types'
import { bid, ids } from '../fixtures'
import { BidsRoutes } from '../routes'
import { bidServer } from '../test-server'

const routes = <Route path="/bids/*" element={<BidsRoutes />} />
const doc = (over: Partial<BidDocument> = {}): BidDocument => ({
  id: 'doc1',
  questionId: ids.plan,
  filename: 'method.pdf',
  size: 2_411_724,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  contentType: 'application/pdf',
  uploadedAt: '2026-06-20T13:05:00Z',
  uploadedBy: 'Sam Patel',
  ...over,
})

describe('DocumentAnswer', () => {
  it('lists each file with its name, size and SHA-256 as the server received it', async () => {
    bidServer({ bid: bid({ documents: [doc()] }) })
    renderPage(routes, `/bids/${ids.bid}/questions/${ids.plan}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Upload your method statement' })).toBeInTheDocument()
    const link = screen.getByRole('link', { name: 'method.pdf' })
    expect(link).toHaveAttribute('href', `/api/v1/bids/${ids.bid}/documents/doc1`)
    const row = link.closest('.govuk-summary-list__row')!
    expect(row).toHaveTextContent('2.3 MB (2,411,724 bytes), received 20 June 2026 at 2:05pm from Sam Patel')
    expect(row).toHaveTextContent('SHA-256 as we received it: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')
    expect(screen.getByLabelText('Upload another file')).toHaveAttribute('accept', '.pdf,.docx')
    expect(screen.getByLabelText('Upload another file')).toHaveAccessibleDescription(expect.stringContaining('Up to 2 files.'))
  })

  it('removes a file and says so', async () => {
    const s = bidServer({ bid: bid({ documents: [doc()] }) })
    s.extra = (req, url) => {
      if (req.method === 'DELETE' && url.pathname === `/api/v1/bids/${ids.bid}/documents/doc1`) {
        s.bid = { ...s.bid, documents: [] }
        return new Response(null, { status: 204 })
      }
      return undefined
    }
    renderPage(routes, `/bids/${ids.bid}/questions/${ids.plan}`)
    await userEvent.click(await screen.findByRole('button', { name: /Remove\s*method\.pdf/ }))
    expect(await screen.findByText('method.pdf has been removed.')).toBeInTheDocument()
    expect(screen.getByText('You have not uploaded any files for this question yet.')).toBeInTheDocument()
  })

  it('takes no more files than the question allows', async () => {
    bidServer({ bid: bid({ documents: [doc(), doc({ id: 'doc2', filename: 'plan.docx' })] }) })
    renderPage(routes, `/bids/${ids.bid}/questions/${ids.plan}`)
    expect(await screen.findByText('This question takes up to 2 files. To upload a different one, remove one first.')).toBeInTheDocument()
    expect(screen.queryByLabelText(/Upload/)).not.toBeInTheDocument()
  })

  it('says why a file could not be removed', async () => {
    const s = bidServer({ bid: bid({ documents: [doc()] }) })
    s.extra = (req) => (req.method === 'DELETE' ? json(409, { status: 409, detail: 'The deadline has passed: this bid can no longer change.' }) : undefined)
    renderPage(routes, `/bids/${ids.bid}/questions/${ids.plan}`)
    await userEvent.click(await screen.findByRole('button', { name: /Remove\s*method\.pdf/ }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The deadline has passed: this bid can no longer change.')
    await waitFor(() => expect(within(document.body).getByRole('link', { name: 'method.pdf' })).toBeInTheDocument())
  })
})
