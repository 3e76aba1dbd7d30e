import { configure, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, mockServer, supplier } from '../../../../test/fetch'
import { renderPage } from '../../../../test/render'
import { ConfirmEmail } from '../confirm-email/confirm-email'
import { fieldProblem, signedIn } from '../test-server'
import { ChangeEmail } from './change-email'

configure({ asyncUtilTimeout: 10_000 })

const routes = (
  <>
    <Route path="/account/settings/email" element={<ChangeEmail />} />
    <Route path="/account/settings/confirm-email" element={<ConfirmEmail />} />
  </>
)

describe('ChangeEmail', { timeout: 60_000 }, () => {
  it('asks for both fields, shows a wrong password by its field, then says to check the new address', async () => {
    const seen = signedIn(async (req, url) => {
      if (url.pathname !== '/api/v1/me/email') return undefined
      const body = await req.json()
      if (body.password !== 'my real password') return fieldProblem('password', 'The password is not right. Enter the password you sign in with')
      return json(202, { message: 'sent' })
    })
    renderPage(routes, '/account/settings/email')
    expect(await screen.findByText('sam@example.com')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }))
    expect(await screen.findByRole('link', { name: 'Enter your new email address' })).toHaveAttribute('href', '#email')
    expect(screen.getByRole('link', { name: 'Enter your current password' })).toHaveAttribute('href', '#password')

    await userEvent.type(screen.getByLabelText('New email address'), 'not an address')
    await userEvent.type(screen.getByLabelText('Your current password'), 'a guess')
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }))
    expect(await screen.findByRole('link', { name: /in the correct format/ })).toHaveAttribute('href', '#email')
    expect(seen.some((r) => r.url.endsWith('/me/email'))).toBe(false)

    await userEvent.clear(screen.getByLabelText('New email address'))
    await userEvent.type(screen.getByLabelText('New email address'), 'Sam@NewMail.example')
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }))
    expect(await screen.findByRole('link', { name: /password is not right/ })).toHaveAttribute('href', '#password')
    await waitFor(() => expect(document.title).toMatch(/^Error: Change your email address/))

    await userEvent.clear(screen.getByLabelText('Your current password'))
    await userEvent.type(screen.getByLabelText('Your current password'), 'my real password')
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your email' })).toBeInTheDocument()
    expect(screen.getByText('sam@newmail.example')).toBeInTheDocument()
  })
})

describe('ConfirmEmail', { timeout: 60_000 }, () => {
  it('confirms the new address from the link', async () => {
    const seen = mockServer(async (_req, url) => {
      if (url.pathname === '/api/v1/auth/email-change/confirm')
        return json(200, { message: 'Your email address is now sam@newmail.example. Use it to sign in from now on.' })
      if (url.pathname === '/api/v1/me') return json(200, { ...supplier, email: 'sam@newmail.example' })
      return undefined
    })
    renderPage(routes, '/account/settings/confirm-email?token=abc')
    expect(await screen.findByRole('heading', { level: 1, name: 'Email address changed' })).toBeInTheDocument()
    expect(screen.getByText(/is now sam@newmail.example/)).toBeInTheDocument()
    const sent = seen.filter((r) => r.url.endsWith('/email-change/confirm'))
    expect(sent).toHaveLength(1)
    expect(await sent[0].json()).toEqual({ token: 'abc' })
  })

  it('says what to do when the link was used already', async () => {
    mockServer((_req, url) => {
      if (url.pathname === '/api/v1/auth/email-change/confirm')
        return json(422, {
          status: 422,
          title: 'Unprocessable Entity',
          errors: [{ location: 'body.token', message: 'This link has already been used. Ask for a new one if you still need it.' }],
        })
      if (url.pathname === '/api/v1/me') return json(401, { status: 401, title: 'Unauthorized' })
      return undefined
    })
    renderPage(routes, '/account/settings/confirm-email?token=used')
    expect(await screen.findByText(/already been used/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'change your email address' })).toHaveAttribute('href', '/account/settings/email')
  })
})
