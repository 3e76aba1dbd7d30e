import { configure, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { SignIn } from '../../account/sign-in/sign-in'
import { RecoveryCodes } from '../recovery-codes/recovery-codes'
import { SetUpAtSignIn, SetUpTwoStep } from './set-up'

// A busy machine is slow, not wrong: wait for what the person would see for as long as it takes.
configure({ asyncUtilTimeout: 10_000 })

const routes = (
  <>
    <Route path="/sign-in" element={<SignIn />} />
    <Route path="/sign-in/set-up-two-step" element={<SetUpAtSignIn />} />
    <Route path="/account/two-step-verification/set-up" element={<SetUpTwoStep />} />
    <Route path="/account/two-step-verification/recovery-codes" element={<RecoveryCodes />} />
  </>
)

const setup = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  secretGroups: ['JBSW', 'Y3DP', 'EHPK', '3PXP', 'JBSW', 'Y3DP', 'EHPK', '3PXP'],
  otpauthUri: 'otpauth://totp/Islington:sam@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  qrCode: 'data:image/png;base64,iVBORw0KGgo=',
  issuer: 'Islington Council',
  accountName: 'sam@example.com',
}
const codes = Array.from({ length: 10 }, (_, i) => `abcd${i}-efgh${i}`)
const label = 'Enter the 6-digit code from your authenticator app'

function server(extra: ServerRoute): Request[] {
  return mockServer(async (req, url) => (await extra(req, url)) ?? anonymous(req, url))
}

describe('SetUp', { timeout: 60_000 }, () => {
  it('shows the QR code and the key in groups to type, and asks for a code', async () => {
    server((_req, url) => (url.pathname === '/api/v1/me/two-step/setup' ? json(200, setup) : undefined))
    renderPage(routes, '/account/two-step-verification/set-up')
    const qr = await screen.findByRole('img', { name: 'QR code to scan with your authenticator app' })
    expect(qr).toHaveAttribute('src', setup.qrCode)
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeInTheDocument()
    expect(screen.getByLabelText(label)).toHaveAttribute('autocomplete', 'one-time-code')
  })

  it('turns it on with a right code and shows the recovery codes once', async () => {
    const seen = server((_req, url) => {
      if (url.pathname === '/api/v1/me/two-step/setup') return json(200, setup)
      if (url.pathname === '/api/v1/me/two-step/setup/confirm') return json(200, { recoveryCodes: codes })
      return undefined
    })
    renderPage(routes, '/account/two-step-verification/set-up')
    await userEvent.type(await screen.findByLabelText(label), '654321')
    await userEvent.click(screen.getByRole('button', { name: 'Turn on two-step verification' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Save your recovery codes' })).toBeInTheDocument()
    const list = screen.getByRole('list', { name: 'Your recovery codes' })
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(codes)
    expect(screen.getByText('You will not be able to see these codes again.')).toBeInTheDocument()
    expect(await seen.find((r) => r.url.endsWith('/setup/confirm'))!.json()).toEqual({ code: '654321' })
    await userEvent.click(screen.getByRole('button', { name: 'I have saved my recovery codes' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/account/two-step-verification'))
  })

  it('at sign-in, starts the session once it is on and goes where the person was going', async () => {
    server((_req, url) => {
      if (url.pathname === '/api/v1/auth/two-step/setup') return json(200, setup)
      if (url.pathname === '/api/v1/auth/two-step/setup/confirm') return json(200, { user: { ...supplier, role: 'admin' }, recoveryCodes: codes })
      return undefined
    })
    renderPage(routes, '/sign-in/set-up-two-step')
    expect(await screen.findByText('Your role must use two-step verification. Set it up now to finish signing in.')).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText(label), '654321')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Save your recovery codes' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Sign out' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'I have saved my recovery codes' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/account$/))
  })

  it('at sign-in, a timed-out half sign-in goes back to sign in', async () => {
    server((_req, url) =>
      url.pathname === '/api/v1/auth/two-step/setup' ? json(401, { status: 401, title: 'Unauthorized', detail: 'timed out' }) : undefined,
    )
    renderPage(routes, '/sign-in/set-up-two-step')
    expect(await screen.findByText('Your sign-in timed out. Sign in again.')).toBeInTheDocument()
  })

  it('shows a wrong code’s error by the field, and keeps the QR code', async () => {
    server((_req, url) => {
      if (url.pathname === '/api/v1/me/two-step/setup') return json(200, setup)
      if (url.pathname === '/api/v1/me/two-step/setup/confirm')
        return json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ location: 'body.code', message: 'The code is not right' }] })
      return undefined
    })
    renderPage(routes, '/account/two-step-verification/set-up')
    await userEvent.type(await screen.findByLabelText(label), '000000')
    await userEvent.click(screen.getByRole('button', { name: 'Turn on two-step verification' }))
    expect(await screen.findByRole('link', { name: 'The code is not right' })).toHaveAttribute('href', '#code')
    expect(screen.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeInTheDocument()
  })
})

describe('RecoveryCodes', { timeout: 60_000 }, () => {
  it('shows no codes when opened again, and says how to get new ones', async () => {
    server(() => undefined)
    renderPage(routes, '/account/two-step-verification/recovery-codes')
    expect(await screen.findByText('Recovery codes are shown only once, when you get them.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Get new recovery codes' })).toHaveAttribute(
      'href',
      '/account/two-step-verification/new-recovery-codes',
    )
  })
})
