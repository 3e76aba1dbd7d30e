import { configure, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, mockServer, supplier } from '../../../../test/fetch'
import { renderPage } from '../../../../test/render'
import { YourAccount } from '../../your-account/your-account'
import { ConfirmEmail } from '../confirm-email/confirm-email'
import { settingsRoutes } from '../routes'
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

describe('ChangeEmail before the address is confirmed', { timeout: 60_000 }, () => {
  it('lets someone who mistyped their address at registration correct it, and stays signed in', async () => {
    let me = { ...supplier, email: 'sam@exmaple.com', emailVerified: false }
    const seen = signedIn(
      async (req, url) => {
        if (url.pathname === '/api/v1/me') return json(200, me)
        if (url.pathname !== '/api/v1/me/email') return undefined
        const body = await req.json()
        me = { ...me, email: body.email.toLowerCase() }
        return json(202, { message: 'sent' })
      },
      me,
    )
    renderPage(
      <>
        {settingsRoutes()}
        <Route path="/account" element={<YourAccount />} />
      </>,
      '/account',
    )
    await userEvent.click(await screen.findByRole('link', { name: 'Change your email address' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Change your email address' })).toBeInTheDocument()
    expect(screen.getByText(/have not confirmed it yet/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Back to your account' })).toHaveAttribute('href', '/account')
    await userEvent.type(screen.getByLabelText('New email address'), 'Sam@Example.com')
    await userEvent.type(screen.getByLabelText('Your current password'), 'my real password')
    await userEvent.click(screen.getByRole('button', { name: 'Send the link' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Confirm your new email address' })).toBeInTheDocument()
    expect(screen.getByText('sam@example.com')).toBeInTheDocument()
    expect(seen.filter((r) => r.url.endsWith('/me/email'))).toHaveLength(1)
    await userEvent.click(screen.getByRole('link', { name: 'Back to your account' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument()
    await waitFor(() => expect(screen.getAllByText('sam@example.com').length).toBeGreaterThan(0))
    expect(screen.queryByText('sam@exmaple.com')).not.toBeInTheDocument()
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
