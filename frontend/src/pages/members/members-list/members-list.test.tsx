import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { MembersList } from './members-list'

const me = { userId: supplier.id, name: supplier.name, email: supplier.email, role: 'owner', joinedAt: '2026-06-01T09:00:00Z' }
const invitation = { id: 'b1c2d3e4-0000-4000-8000-000000000001', email: 'kit@example.org', role: 'member', expiresAt: '2026-06-15T09:00:00Z' }

function server(yourRole: string) {
  let invitations = [invitation]
  const seen = mockServer((req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/supplier/members') return json(200, { members: [me], invitations, yourRole })
    if (url.pathname === `/api/v1/supplier/members/invitations/${invitation.id}/resend` && req.method === 'POST') return new Response(null, { status: 202 })
    if (url.pathname === `/api/v1/supplier/members/invitations/${invitation.id}` && req.method === 'DELETE') {
      invitations = []
      return new Response(null, { status: 204 })
    }
    return anonymous(req, url)
  })
  return seen
}

describe('MembersList', () => {
  it('lets an owner resend an invitation and cancel it', async () => {
    const seen = server('owner')
    renderPage(<Route path="/members" element={<MembersList />} />, '/members')
    await screen.findByText('kit@example.org')
    await userEvent.click(await screen.findByRole('button', { name: 'Resend the invitation to kit@example.org' }))
    expect(await screen.findByText('We have sent the invitation to kit@example.org again, with a new link')).toBeInTheDocument()
    expect(seen.some((r) => r.method === 'POST' && new URL(r.url).pathname.endsWith(`/${invitation.id}/resend`))).toBe(true)

    await userEvent.click(screen.getByRole('button', { name: 'Cancel the invitation to kit@example.org' }))
    expect(await screen.findByText('The invitation to kit@example.org is cancelled')).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByText('Invitations not yet accepted')).toBeNull())
  })

  it('shows a member the invitations without the buttons', async () => {
    server('member')
    renderPage(<Route path="/members" element={<MembersList />} />, '/members')
    await screen.findByText('kit@example.org')
    expect(screen.queryByRole('button', { name: /Resend|Cancel/ })).toBeNull()
  })
})
