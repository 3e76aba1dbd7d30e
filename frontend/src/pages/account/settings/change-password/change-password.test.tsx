import { configure, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../../test/fetch'
import { renderPage } from '../../../../test/render'
import { AccountSettings } from '../account-settings/account-settings'
import { fieldProblem, signedIn } from '../test-server'
import { ChangePassword } from './change-password'

configure({ asyncUtilTimeout: 10_000 })

const routes = (
  <>
    <Route path="/account/settings" element={<AccountSettings />} />
    <Route path="/account/settings/password" element={<ChangePassword />} />
  </>
)

describe('ChangePassword', { timeout: 60_000 }, () => {
  it('checks the new password’s length first, shows the server’s refusal, then says other devices are signed out', async () => {
    const seen = signedIn(async (req, url) => {
      if (url.pathname !== '/api/v1/me/password') return undefined
      const body = await req.json()
      if (body.newPassword === 'password1234567') return fieldProblem('newPassword', 'This password is too common. Choose another')
      return json(200, { message: 'changed' })
    })
    renderPage(routes, '/account/settings/password')
    await userEvent.type(await screen.findByLabelText('Current password'), 'my real password')
    await userEvent.type(screen.getByLabelText('New password'), 'short')
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByRole('link', { name: /12 characters or more/ })).toHaveAttribute('href', '#newPassword')
    expect(seen.some((r) => r.url.endsWith('/me/password'))).toBe(false)

    await userEvent.clear(screen.getByLabelText('New password'))
    await userEvent.type(screen.getByLabelText('New password'), 'password1234567')
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByRole('link', { name: 'This password is too common. Choose another' })).toHaveAttribute('href', '#newPassword')

    await userEvent.clear(screen.getByLabelText('New password'))
    await userEvent.type(screen.getByLabelText('New password'), 'quiet heron teapot 7')
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText(/Your password has been changed. You have been signed out on every other device./)).toBeInTheDocument()
    const sent = seen.filter((r) => r.url.endsWith('/me/password'))
    expect(await sent[sent.length - 1].json()).toEqual({ currentPassword: 'my real password', newPassword: 'quiet heron teapot 7' })
  })

  it('says how long to wait after too many tries', async () => {
    signedIn((_req, url) =>
      url.pathname === '/api/v1/me/password' ? json(429, { status: 429, title: 'Too Many Requests' }, { 'Retry-After': '120' }) : undefined,
    )
    renderPage(routes, '/account/settings/password')
    await userEvent.type(await screen.findByLabelText('Current password'), 'my real password')
    await userEvent.type(screen.getByLabelText('New password'), 'quiet heron teapot 7')
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText('You have tried too many times. Wait 2 minutes and try again.')).toBeInTheDocument()
  })
})
