import { configure, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { Policy } from './policy'

// A busy machine is slow, not wrong: wait for what the person would see for as long as it takes.
configure({ asyncUtilTimeout: 10_000 })

const admin = { ...supplier, role: 'admin', organisations: [] }
const at = '2026-11-30T10:00:00Z'

describe('Policy', { timeout: 60_000 }, () => {
  it('ticks the roles that must use it and saves exactly the ones ticked', async () => {
    let required = ['case_officer', 'admin']
    const seen = mockServer(async (req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, admin)
      if (url.pathname === '/api/v1/admin/two-step-policy') {
        if (req.method === 'PUT') required = (await req.json()).required
        return json(200, {
          roles: ['buyer', 'evaluator', 'case_officer', 'admin'].map((role) => ({ role, required: required.includes(role), updatedAt: at })),
        })
      }
      return undefined
    })
    renderPage(<Route path="/admin/two-step-verification" element={<Policy />} />, '/admin/two-step-verification')
    expect(await screen.findByLabelText('Case officers')).toBeChecked()
    expect(screen.getByLabelText('Administrators')).toBeChecked()
    expect(screen.getByLabelText('Buyers')).not.toBeChecked()
    await userEvent.click(screen.getByLabelText('Buyers'))
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Your choice is saved')).toBeInTheDocument()
    const put = seen.find((r) => r.method === 'PUT')!
    expect(await put.json()).toEqual({ required: ['buyer', 'case_officer', 'admin'] })
    expect(screen.getByLabelText('Buyers')).toBeChecked()
  })
})
