import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { RegistrationProvider, type Answers } from '../registration'
import { Password } from './password'

const earlier: Partial<Answers> = { organisationName: 'Patel Cleaning', legalForm: 'sole_trader', name: 'Sam Patel', email: 'sam@example.com' }

function renderPassword() {
  return renderPage(
    [
      <Route
        key="r"
        path="/register/*"
        element={
          <RegistrationProvider initial={earlier}>
            <Routes>
              <Route path="password" element={<Password />} />
              <Route path="*" element={<h1>Another step</h1>} />
            </Routes>
          </RegistrationProvider>
        }
      />,
    ],
    '/register/password',
  )
}

describe('Password', () => {
  it('says on this page that a password is too easy to guess, as the server judges it', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/password-check')
        return json(422, {
          title: 'Unprocessable Entity',
          status: 422,
          errors: [{ location: 'body.password', message: 'Password is too easy to guess. Try 3 random words, like ‘coffee train fish’' }],
        })
      return anonymous(req, url)
    })
    renderPassword()
    await userEvent.type(screen.getByLabelText('Create a password'), 'sampatel1234')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Password is too easy to guess'))
    expect(screen.getByTestId('location')).toHaveTextContent('/register/password')
    const sent = seen.find((r) => r.url.endsWith('/api/v1/auth/password-check'))!
    expect(await sent.json()).toEqual({ password: 'sampatel1234', email: 'sam@example.com', name: 'Sam Patel', organisationName: 'Patel Cleaning' })
  })

  it('moves on when the server accepts the password', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/password-check') return new Response(null, { status: 204 })
      return anonymous(req, url)
    })
    renderPassword()
    await userEvent.type(screen.getByLabelText('Create a password'), 'purple kettle river walk')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/register/check-answers'))
  })

  it('moves on when the check cannot be made: check answers applies the rule again', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/password-check') return json(503, { title: 'Service Unavailable', status: 503 })
      return anonymous(req, url)
    })
    renderPassword()
    await userEvent.type(screen.getByLabelText('Create a password'), 'purple kettle river walk')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/register/check-answers'))
  })
})
