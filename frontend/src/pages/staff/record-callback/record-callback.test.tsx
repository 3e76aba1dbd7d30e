import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { BankQueueItem } from '../../../api/client'
import { anonymous, json, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { buyer } from '../../buying/fixtures'
import { RecordCallback } from './record-callback'

const first: BankQueueItem = {
  id: 'chg-1',
  organisationId: 'org-1',
  organisationName: 'Greensward Grounds CIC',
  status: 'pending',
  frozen: false,
  accountName: 'Greensward Grounds CIC',
  sortCode: '30-94-30',
  accountLast4: '3445',
  requestedAt: '2026-11-26T10:00:00Z',
  requestedBy: { id: 'u1', name: 'Gita Green', email: 'gita@greensward.example' },
  callbackNumbers: [],
  first: true,
  nextStep: 'These are the supplier’s first bank details, and no number of theirs has been on their record for 30 days.',
}

describe('RecordCallback', () => {
  it('takes, for first bank details, a number found elsewhere and where it was found', async () => {
    let sent: Record<string, unknown> | undefined
    mockServer(async (req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, buyer)
      if (url.pathname === '/api/v1/bank-changes' && req.method === 'GET') return json(200, { items: [first], total: 1, page: 1, pageSize: 100 })
      if (url.pathname === '/api/v1/bank-changes/chg-1/callback') {
        sent = await req.json()
        return json(200, first)
      }
      return anonymous(req, url)
    })
    renderPage(<Route path="/bank-changes/:id/callback" element={<RecordCallback />} />, '/bank-changes/chg-1/callback')
    expect(await screen.findByText(first.nextStep)).toBeInTheDocument()
    // No refusal is suggested: first details can be checked.
    expect(screen.queryByRole('link', { name: 'Refuse this change' })).not.toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Record call-back' }))
    expect(await screen.findByRole('link', { name: 'Enter the number you called' })).toHaveAttribute('href', '#otherPhone')
    expect(screen.getByRole('link', { name: 'Say where you found the number' })).toHaveAttribute('href', '#source')
    await userEvent.type(screen.getByLabelText('Number you called'), '020 7946 0999')
    await userEvent.type(screen.getByLabelText('Where did you find it?'), 'Companies House record')
    await userEvent.click(screen.getByRole('button', { name: 'Record call-back' }))
    await waitFor(() => expect(sent).toEqual({ phone: '020 7946 0999', source: 'Companies House record', note: '' }))
  })
})
