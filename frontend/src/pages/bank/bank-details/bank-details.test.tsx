import { screen } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { BankDetails as Details } from '../../../api/client'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { changeSteps } from '../change-steps'
import { BankDetails } from './bank-details'

const pending: Details['changes'][number] = {
  id: 'chg-1',
  organisationId: 'org',
  accountName: 'Patel Cleaning Ltd',
  sortCode: '30-94-30',
  accountLast4: '3445',
  status: 'pending',
  requestedAt: '2026-11-26T10:00:00Z',
  requestedBy: 'Sam Patel',
  callbackDone: false,
  first: false,
  explanation: 'Waiting for a council officer to call you back on a number you gave us at least 30 days ago.',
}

/** The council's settings: checks, cooling off, and how long a number must be held. */
const timing = { checkWorkdays: 5, coolingOffWorkdays: 3, callbackDays: 30 }

function serve(details: Details) {
  mockServer((req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/supplier/bank-details') return json(200, details)
    return anonymous(req, url)
  })
}

describe('BankDetails', () => {
  it('explains a pending change step by step, shows only the last 4 digits, and lets an owner stop it', async () => {
    serve({ ...timing, organisationId: 'org', organisationName: 'Patel Cleaning', yourRole: 'owner', changes: [pending] })
    renderPage(<Route path="/bank-details" element={<BankDetails />} />, '/bank-details')
    await screen.findByRole('heading', { level: 1, name: 'Your bank details' })
    expect(screen.getByText('We do not have bank details for your organisation yet.')).toBeInTheDocument()
    expect(screen.getByText('ending 3445')).toBeInTheDocument()
    expect(screen.getByText(pending.explanation)).toBeInTheDocument()
    const steps = screen.getAllByRole('listitem').filter((li) => li.classList.contains('app-steps__item'))
    expect(steps.map((s) => s.querySelector('.govuk-tag')!.textContent)).toEqual(['Done', 'Happening now', 'Not yet', 'Not yet'])
    expect(screen.getByRole('link', { name: 'Nobody at your organisation asked for this change' })).toHaveAttribute(
      'href',
      '/bank-details/not-us?change=chg-1',
    )
  })

  it('tells a member to ask an owner, who can stop a change', async () => {
    serve({ ...timing, organisationId: 'org', organisationName: 'Patel Cleaning', yourRole: 'member', changes: [pending] })
    renderPage(<Route path="/bank-details" element={<BankDetails />} />, '/bank-details')
    expect(await screen.findByText(/tell an owner straight away/)).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: /Nobody at your organisation/ })).not.toBeInTheDocument()
  })

  it('offers no new change while one is frozen', async () => {
    serve({
      ...timing,
      organisationId: 'org',
      organisationName: 'Patel Cleaning',
      yourRole: 'owner',
      changes: [{ ...pending, status: 'frozen', explanation: 'Frozen because an owner told us this change was not made by your organisation.' }],
    })
    renderPage(<Route path="/bank-details" element={<BankDetails />} />, '/bank-details')
    expect(await screen.findByText('Stopped')).toHaveClass('govuk-tag--red')
    expect(screen.queryByRole('button', { name: /bank details/ })).not.toBeInTheDocument()
    expect(screen.getByText(/You cannot ask for another change/)).toBeInTheDocument()
  })
})

describe('changeSteps', () => {
  it('follows the change through the call-back, approval and cooling off', () => {
    const states = (c: typeof pending) => changeSteps(c).map((s) => s.state)
    expect(states({ ...pending, callbackDone: true })).toEqual(['done', 'done', 'now', 'waiting'])
    expect(
      states({ ...pending, status: 'cooling_off', callbackDone: true, approvedAt: '2026-11-27T10:00:00Z', coolingOffUntil: '2026-12-02T10:00:00Z' }),
    ).toEqual(['done', 'done', 'done', 'now'])
    expect(changeSteps({ ...pending, status: 'cooling_off', callbackDone: true, approvedAt: '2026-11-27T10:00:00Z', coolingOffUntil: '2026-12-02T10:00:00Z' })[3].detail).toBe(
      'It takes effect on 2 December 2026.',
    )
  })
})
