import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { Leave } from './leave'

describe('Leave', () => {
  it('shows plainly that the last owner cannot leave', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === `/api/v1/supplier/members/${supplier.id}` && req.method === 'DELETE')
        return json(409, { status: 409, title: 'Conflict', detail: 'An organisation must always have an owner. Make someone else an owner first.' })
      return anonymous(req, url)
    })
    renderPage(<Route path="/members/leave" element={<Leave />} />, '/members/leave')
    await userEvent.click(await screen.findByRole('button', { name: 'Leave Patel Cleaning' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('An organisation must always have an owner. Make someone else an owner first.')
    await waitFor(() => expect(document.title).toMatch(/^Error: Are you sure you want to leave Patel Cleaning\?/))
    expect(seen.filter((r) => r.method === 'DELETE')).toHaveLength(1)
  })
})
