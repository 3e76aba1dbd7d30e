import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { BankDetails } from '../../../api/client'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { BankDetails as BankDetailsPage } from '../bank-details/bank-details'
import { BankEntry } from '../bank-entry'
import { ChangeBankDetails } from '../change-bank-details/change-bank-details'
import { CheckBankDetails } from './check-bank-details'

const none: BankDetails = {
  organisationId: 'org',
  organisationName: 'Patel Cleaning',
  yourRole: 'owner',
  changes: [],
  checkWorkdays: 5,
  coolingOffWorkdays: 3,
  callbackDays: 30,
}

const routes = (
  <>
    <Route path="/bank-details" element={<BankDetailsPage />} />
    <Route element={<BankEntry />}>
      <Route path="/bank-details/change" element={<ChangeBankDetails />} />
      <Route path="/bank-details/check" element={<CheckBankDetails />} />
    </Route>
  </>
)

const sentMessage =
  'We have sent your first bank details to the council. A council officer will call you back to check they were given by you, and a second officer will approve them. This usually takes about 8 working days.'

function serve(details: BankDetails, onSend: (body: unknown) => Response) {
  return mockServer(async (req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/supplier/bank-details' && req.method === 'POST') return onSend(await req.json())
    if (url.pathname === '/api/v1/supplier/bank-details') return json(200, details)
    return anonymous(req, url)
  })
}

async function enter(sort = '30 94 30') {
  await userEvent.type(await screen.findByLabelText('Name on the account'), 'Patel Cleaning Ltd')
  await userEvent.type(screen.getByLabelText('Sort code'), sort)
  await userEvent.type(screen.getByLabelText('Account number'), '00733445')
  await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
}

describe('First bank details', { timeout: 30_000 }, () => {
  it('are checked before they are sent, with the account number masked, Change links, and how long it takes', async () => {
    const sent: unknown[] = []
    serve(none, (body) => {
      sent.push(body)
      return json(202, { change: {}, message: sentMessage })
    })
    renderPage(routes, '/bank-details/change')
    expect(await screen.findByRole('heading', { level: 1, name: 'Add your bank details' })).toBeInTheDocument()
    await enter()
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your bank details before sending them' })).toBeInTheDocument()
    expect(sent).toHaveLength(0)
    expect(screen.getByText('30-94-30')).toBeInTheDocument()
    expect(screen.queryByText(/00733445/)).not.toBeInTheDocument()
    expect(screen.getByText('3445', { exact: false })).toHaveTextContent('••••ending 3445')
    expect(screen.getByText(/Companies House or charity register record/)).toBeInTheDocument()
    expect(screen.getByText(/usually about 8 working days before we can pay you/)).toBeInTheDocument()

    // Change goes back to the field, with what was typed kept.
    await userEvent.click(screen.getByRole('link', { name: /^Change\s*sort code$/ }))
    const sortCode = await screen.findByLabelText('Sort code')
    await waitFor(() => expect(sortCode).toHaveFocus())
    expect(sortCode).toHaveValue('30 94 30')
    expect(screen.getByLabelText('Account number')).toHaveValue('00733445')
    await userEvent.clear(sortCode)
    await userEvent.type(sortCode, '309431')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByText('30-94-31')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Send bank details' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Your bank details' })).toBeInTheDocument()
    expect(screen.getByText(sentMessage)).toBeInTheDocument()
    expect(sent).toEqual([{ accountName: 'Patel Cleaning Ltd', sortCode: '309431', accountNumber: '00733445' }])
  })

  it('says what is wrong on the page where it was typed, before the check page', async () => {
    serve(none, () => json(500, {}))
    renderPage(routes, '/bank-details/change')
    await enter('30943')
    expect(await screen.findByRole('link', { name: 'Enter a valid sort code, like 309430' })).toHaveAttribute('href', '#sortCode')
    expect(screen.getByRole('heading', { level: 1, name: 'Add your bank details' })).toBeInTheDocument()
  })

  it('links a refusal on the check page back to the field', async () => {
    serve(none, () =>
      json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.accountName', message: 'The name on the account must be 140 characters or fewer' }] }),
    )
    renderPage(routes, '/bank-details/change')
    await enter()
    await userEvent.click(await screen.findByRole('button', { name: 'Send bank details' }))
    expect(await screen.findByRole('link', { name: 'The name on the account must be 140 characters or fewer' })).toHaveAttribute(
      'href',
      '/bank-details/change#accountName',
    )
  })

  it('sends a change to details already in use straight away, as before', async () => {
    const current = { ...none.changes[0], id: 'c0', organisationId: 'org', accountName: 'Old', sortCode: '11-22-33', accountLast4: '9999', status: 'active' as const, requestedAt: '2026-01-01T10:00:00Z', requestedBy: 'Sam', callbackDone: true, first: false, explanation: 'In use.' }
    const sent: unknown[] = []
    serve({ ...none, current }, (body) => {
      sent.push(body)
      return json(202, { change: {}, message: 'We have emailed every owner of your organisation about this change.' })
    })
    renderPage(routes, '/bank-details/change')
    expect(await screen.findByRole('heading', { level: 1, name: 'Change your bank details' })).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Name on the account'), 'Patel Cleaning Ltd')
    await userEvent.type(screen.getByLabelText('Sort code'), '309430')
    await userEvent.type(screen.getByLabelText('Account number'), '00733445')
    await userEvent.click(screen.getByRole('button', { name: 'Ask for this change' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Your bank details' })).toBeInTheDocument()
    expect(sent).toHaveLength(1)
  })

  it('goes back to the form when the check page is opened without details', async () => {
    serve(none, () => json(500, {}))
    renderPage(routes, '/bank-details/check')
    expect(await screen.findByRole('heading', { level: 1, name: 'Add your bank details' })).toBeInTheDocument()
  })
})
