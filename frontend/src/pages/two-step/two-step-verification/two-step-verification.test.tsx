import { configure, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, mockServer, supplier, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { TurnOff } from '../turn-off/turn-off'
import { TwoStepVerification } from './two-step-verification'

// A busy machine is slow, not wrong: wait for what the person would see for as long as it takes.
configure({ asyncUtilTimeout: 10_000 })

const routes = (
  <>
    <Route path="/account/two-step-verification" element={<TwoStepVerification />} />
    <Route path="/account/two-step-verification/turn-off" element={<TurnOff />} />
  </>
)

function signedIn(status: object, extra: ServerRoute = () => undefined): Request[] {
  return mockServer(async (req, url) => {
    const answer = await extra(req, url)
    if (answer) return answer
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/me/two-step') return json(200, status)
    return undefined
  })
}

describe('TwoStepVerification', { timeout: 60_000 }, () => {
  it('offers to set it up when it is off', async () => {
    signedIn({ enabled: false, required: false, recoveryCodesLeft: 0 })
    renderPage(routes, '/account/two-step-verification')
    expect(await screen.findByRole('button', { name: 'Set up two-step verification' })).toHaveAttribute(
      'href',
      '/account/two-step-verification/set-up',
    )
    expect(screen.queryByRole('link', { name: 'Turn off two-step verification' })).not.toBeInTheDocument()
  })

  it('shows how many recovery codes are left, and offers no way to turn it off to a role that must use it', async () => {
    signedIn({ enabled: true, required: true, enabledAt: '2026-11-30T10:00:00Z', recoveryCodesLeft: 7 })
    renderPage(routes, '/account/two-step-verification')
    expect(await screen.findByText('7 of 10')).toBeInTheDocument()
    expect(screen.getByText(/Your role must use two-step verification, so you cannot turn it off/)).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'Turn off two-step verification' })).not.toBeInTheDocument()
  })

  it('turns it off with the password, and shows a wrong password by the field', async () => {
    let status = { enabled: true, required: false, enabledAt: '2026-11-30T10:00:00Z', recoveryCodesLeft: 10 }
    signedIn(status, async (req, url) => {
      if (url.pathname !== '/api/v1/me/two-step/turn-off') return undefined
      const { password } = await req.json()
      if (password !== 'my real password')
        return json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.password', message: 'Your password is not right' }] })
      status = { ...status, enabled: false }
      return new Response(null, { status: 204 })
    })
    renderPage(routes, '/account/two-step-verification')
    await userEvent.click(await screen.findByRole('link', { name: 'Turn off two-step verification' }))
    await userEvent.type(await screen.findByLabelText('Enter your password to confirm'), 'a guess')
    await userEvent.click(screen.getByRole('button', { name: 'Turn off two-step verification' }))
    expect(await screen.findByRole('link', { name: 'Your password is not right' })).toHaveAttribute('href', '#password')
    await userEvent.clear(screen.getByLabelText('Enter your password to confirm'))
    await userEvent.type(screen.getByLabelText('Enter your password to confirm'), 'my real password')
    await userEvent.click(screen.getByRole('button', { name: 'Turn off two-step verification' }))
    expect(await screen.findByText('Two-step verification is turned off')).toBeInTheDocument()
  })
})
