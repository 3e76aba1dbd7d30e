import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { JoinOrganisation } from './join-organisation'

const routes = [<Route key="j" path="/join-organisation" element={<JoinOrganisation />} />, <Route key="s" path="/sign-in" element={<h1>Sign in</h1>} />]
const accept = '/api/v1/organisation-invitations/accept'
const lookUp = '/api/v1/organisation-invitations/look-up'
const details = { organisation: 'Patel Cleaning', invitedBy: 'Sam Patel', email: 'mo@example.com', role: 'member', expiresAt: '2026-07-08T09:00:00Z' }

describe('JoinOrganisation', () => {
  it('names the organisation, who invited you and the address the invitation is for', async () => {
    const seen = mockServer((req, url) => (url.pathname === lookUp ? json(200, details) : anonymous(req, url)))
    renderPage(routes, '/join-organisation?token=abc')
    const says = await screen.findByText(/has invited you to join/)
    expect(says).toHaveTextContent('Sam Patel has invited you to join Patel Cleaning as a member. The invitation is for mo@example.com.')
    const asked = seen.find((r) => new URL(r.url).pathname === lookUp)!
    expect(asked.method).toBe('POST')
    expect(await asked.json()).toEqual({ token: 'abc' })
  })

  it('says at once when the link does not work, before anything is typed', async () => {
    mockServer((req, url) =>
      url.pathname === lookUp
        ? json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.token', message: 'This invitation has expired. Ask the person who invited you to send a new one.' }] })
        : anonymous(req, url),
    )
    renderPage(routes, '/join-organisation?token=abc')
    expect(await screen.findByText('This invitation has expired. Ask the person who invited you to send a new one.')).toBeInTheDocument()
    expect(screen.queryByLabelText('Your full name')).toBeNull()
  })

  it('signed out without an account: creates one with a name and password, then asks to sign in', async () => {
    const seen = mockServer((req, url) =>
      url.pathname === accept ? json(200, { organisation: 'Patel Cleaning', message: 'You are now in Patel Cleaning.' }) : anonymous(req, url),
    )
    renderPage(routes, '/join-organisation?token=abc')
    await userEvent.type(await screen.findByLabelText('Your full name'), 'Mo Member')
    await userEvent.type(screen.getByLabelText('Create a password'), 'silver otter canal bridge')
    await userEvent.click(screen.getByRole('button', { name: 'Create account and join' }))
    await screen.findByRole('heading', { level: 1, name: 'Sign in' })
    const sent = seen.find((r) => new URL(r.url).pathname === accept)!
    expect(await sent.json()).toEqual({ token: 'abc', name: 'Mo Member', password: 'silver otter canal bridge' })
    expect(JSON.parse(screen.getByTestId('location').dataset.state!)).toEqual({
      notice: 'You have joined Patel Cleaning. Sign in with your email address and new password.',
      next: '/profile',
    })
  })

  it('signed out with an account: says to sign in first, with a link that comes back here', async () => {
    mockServer((req, url) =>
      url.pathname === accept ? json(401, { status: 401, title: 'Unauthorized', detail: 'Sign in as mo@example.com to accept this invitation' }) : anonymous(req, url),
    )
    renderPage(routes, '/join-organisation?token=abc')
    await userEvent.type(await screen.findByLabelText('Your full name'), 'Mo Member')
    await userEvent.type(screen.getByLabelText('Create a password'), 'silver otter canal bridge')
    await userEvent.click(screen.getByRole('button', { name: 'Create account and join' }))
    await screen.findByRole('heading', { level: 1, name: 'Sign in to join your organisation' })
    expect(screen.getByText('Sign in as mo@example.com to accept this invitation')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('link', { name: 'sign in' }))
    expect(JSON.parse(screen.getByTestId('location').dataset.state!)).toEqual({ next: '/join-organisation?token=abc' })
  })

  it('signed in: joins with one button', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === accept) return json(200, { organisation: 'Patel Cleaning', message: 'You are now in Patel Cleaning.' })
      return anonymous(req, url)
    })
    renderPage(routes, '/join-organisation?token=abc')
    await userEvent.click(await screen.findByRole('button', { name: 'Join the organisation' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'You have joined Patel Cleaning' })).toBeInTheDocument()
    expect(await seen.find((r) => new URL(r.url).pathname === accept)!.json()).toEqual({ token: 'abc' })
  })

  it('says when the link does not work, and what to do', async () => {
    mockServer((req, url) =>
      url.pathname === accept
        ? json(422, { status: 422, errors: [{ location: 'body.token', message: 'This invitation has expired. Ask the person who invited you to send a new one.' }] })
        : anonymous(req, url),
    )
    renderPage(routes, '/join-organisation?token=old')
    await userEvent.type(await screen.findByLabelText('Your full name'), 'Mo Member')
    await userEvent.type(screen.getByLabelText('Create a password'), 'silver otter canal bridge')
    await userEvent.click(screen.getByRole('button', { name: 'Create account and join' }))
    await screen.findByRole('heading', { level: 1, name: 'This link does not work' })
    expect(screen.getByText(/This invitation has expired/)).toBeInTheDocument()
  })
})
