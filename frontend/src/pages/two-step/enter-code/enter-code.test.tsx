import { configure, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { SignIn } from '../../account/sign-in/sign-in'
import { RecoveryCode } from '../recovery-code/recovery-code'
import { EnterCode } from './enter-code'

// A busy machine is slow, not wrong: wait for what the person would see for as long as it takes.
configure({ asyncUtilTimeout: 10_000 })

const routes = (
  <>
    <Route path="/sign-in" element={<SignIn />} />
    <Route path="/sign-in/two-step" element={<EnterCode />} />
    <Route path="/sign-in/recovery-code" element={<RecoveryCode />} />
  </>
)

const label = 'Enter the 6-digit code from your authenticator app'

describe('EnterCode', { timeout: 60_000 }, () => {
  it('offers a number keyboard and lets the browser fill in the code', async () => {
    mockServer(anonymous)
    renderPage(routes, '/sign-in/two-step')
    const input = await screen.findByLabelText(label)
    expect(input).toHaveAttribute('inputmode', 'numeric')
    expect(input).toHaveAttribute('autocomplete', 'one-time-code')
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(label)
  })

  it('asks for 6 digits before sending anything', async () => {
    const seen = mockServer(anonymous)
    renderPage(routes, '/sign-in/two-step')
    await userEvent.type(await screen.findByLabelText(label), '12ab')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('link', { name: 'The code must be 6 digits, like 123456' })).toHaveAttribute('href', '#code')
    expect(document.title).toMatch(/^Error: /)
    expect(seen.some((r) => r.url.endsWith('/auth/two-step'))).toBe(false)
  })

  it('shows the server’s words for a wrong code, by the field', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/two-step')
        return json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.code', message: 'The code is not right' }] })
      return anonymous(req, url)
    })
    renderPage(routes, '/sign-in/two-step')
    await userEvent.type(await screen.findByLabelText(label), '123 456')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('link', { name: 'The code is not right' })).toHaveAttribute('href', '#code')
  })

  it('sends the code without spaces and, once signed in, goes to the page asked for', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/two-step') return json(200, { user: supplier })
      return anonymous(req, url)
    })
    renderPage(routes, '/sign-in/two-step')
    await userEvent.type(await screen.findByLabelText(label), '123 456')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/account'))
    const sent = seen.find((r) => r.url.endsWith('/auth/two-step'))!
    expect(await sent.json()).toEqual({ code: '123456' })
    expect(await screen.findByRole('link', { name: 'Sign out' })).toBeInTheDocument()
  })

  it('sends someone whose sign-in timed out back to sign in, saying why', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/two-step') return json(401, { status: 401, title: 'Unauthorized', detail: 'Your sign-in has timed out.' })
      return anonymous(req, url)
    })
    renderPage(routes, '/sign-in/two-step')
    await userEvent.type(await screen.findByLabelText(label), '123456')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByText('Your sign-in timed out. Sign in again.')).toBeInTheDocument()
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/sign-in$/)
  })

  it('says how long to wait after too many wrong codes', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/two-step') return json(429, { status: 429, title: 'Too Many Requests' }, { 'Retry-After': '30' })
      return anonymous(req, url)
    })
    renderPage(routes, '/sign-in/two-step')
    await userEvent.type(await screen.findByLabelText(label), '123456')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByText('You have tried too many times. Wait 1 minute and try again.')).toBeInTheDocument()
  })

  it('offers a recovery code instead, which says how many are left', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/two-step') return json(200, { user: supplier, recoveryCodesLeft: 2 })
      return anonymous(req, url)
    })
    renderPage(routes, '/sign-in/two-step')
    await userEvent.click(await screen.findByRole('link', { name: 'Use a recovery code instead' }))
    await userEvent.type(await screen.findByLabelText('Enter a recovery code'), ' abcde-23456 ')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/account/two-step-verification'))
    expect(JSON.parse(screen.getByTestId('location').dataset.state!).notice).toBe(
      'You signed in with a recovery code. You have 2 recovery codes left. Get new ones soon.',
    )
    expect(await seen.find((r) => r.url.endsWith('/auth/two-step'))!.json()).toEqual({ recoveryCode: 'abcde-23456' })
  })
})
