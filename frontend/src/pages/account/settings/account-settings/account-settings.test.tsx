import { configure, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier } from '../../../../test/fetch'
import { renderPage } from '../../../../test/render'
import { ChangeName } from '../change-name/change-name'
import { fieldProblem, signedIn } from '../test-server'
import { AccountSettings } from './account-settings'

configure({ asyncUtilTimeout: 10_000 })

const routes = (
  <>
    <Route path="/account/settings" element={<AccountSettings />} />
    <Route path="/account/settings/name" element={<ChangeName />} />
  </>
)

describe('AccountSettings', { timeout: 60_000 }, () => {
  it('shows the name and email with a way to change each, and deleting to a supplier', async () => {
    signedIn()
    renderPage(routes, '/account/settings')
    expect(await screen.findByRole('heading', { level: 1, name: 'Account settings' })).toBeInTheDocument()
    expect(screen.getByText('Sam Patel')).toBeInTheDocument()
    expect(screen.getByText('sam@example.com')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /^Change\s*name$/ })).toHaveAttribute('href', '/account/settings/name')
    expect(screen.getByRole('link', { name: /^Change\s*email address$/ })).toHaveAttribute('href', '/account/settings/email')
    expect(screen.getByRole('link', { name: 'Change your password' })).toHaveAttribute('href', '/account/settings/password')
    expect(screen.getByRole('link', { name: 'Manage where you are signed in' })).toHaveAttribute('href', '/account/settings/sessions')
    expect(screen.getByRole('link', { name: 'Delete your account' })).toHaveAttribute('href', '/account/settings/delete')
  })

  it('offers council staff no way to delete their account', async () => {
    signedIn(undefined, { ...supplier, role: 'buyer', organisations: [] })
    renderPage(routes, '/account/settings')
    await screen.findByRole('heading', { level: 1, name: 'Account settings' })
    expect(screen.queryByRole('link', { name: 'Delete your account' })).not.toBeInTheDocument()
  })
})

describe('ChangeName', { timeout: 60_000 }, () => {
  it('shows the server’s refusal by the field, then saves and says so', async () => {
    let name = supplier.name
    const seen = signedIn(async (req, url) => {
      if (url.pathname === '/api/v1/me' && req.method === 'GET') return json(200, { ...supplier, name })
      if (url.pathname !== '/api/v1/me/name') return undefined
      const body = await req.json()
      if (body.name.includes('!')) return fieldProblem('name', 'Your name can only contain letters, numbers, spaces and punctuation')
      name = body.name
      return json(200, { ...supplier, name })
    })
    renderPage(routes, '/account/settings/name')
    const input = await screen.findByLabelText('Full name')
    expect(input).toHaveValue('Sam Patel')
    await userEvent.clear(input)
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }))
    expect(await screen.findByRole('link', { name: 'Enter your full name' })).toHaveAttribute('href', '#name')
    expect(seen.some((r) => r.url.endsWith('/me/name'))).toBe(false)
    await waitFor(() => expect(document.title).toMatch(/^Error: Change your name/))

    await userEvent.type(input, 'Sam!')
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }))
    expect(await screen.findByRole('link', { name: /can only contain letters/ })).toHaveAttribute('href', '#name')

    await userEvent.clear(input)
    await userEvent.type(input, 'Samira Patel')
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }))
    expect(await screen.findByText('Your name has been changed')).toBeInTheDocument()
    expect(screen.getByTestId('location')).toHaveTextContent('/account/settings')
    expect(screen.getByText('Samira Patel')).toBeInTheDocument()
  })
})
