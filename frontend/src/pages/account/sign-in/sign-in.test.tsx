import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { SignIn } from './sign-in'

const routes = <Route path="/sign-in" element={<SignIn />} />

async function fillIn(email: string, password: string) {
  await userEvent.type(screen.getByLabelText('Email address'), email)
  await userEvent.type(screen.getByLabelText('Password'), password)
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
}

describe('SignIn', () => {
  it('says the email address or password is not right, keeping what was typed', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/login')
        return json(401, { title: 'Unauthorized', status: 401, detail: 'Email address or password is not right' })
      return anonymous(req, url)
    })
    renderPage(routes, '/sign-in')
    await fillIn('sam@example.com', 'wrong password')
    expect(await screen.findByRole('link', { name: 'Email address or password is not right' })).toHaveAttribute('href', '#email')
    expect(screen.getByLabelText('Email address')).toHaveValue('sam@example.com')
    await waitFor(() => expect(document.title).toMatch(/^Error: Sign in – /))
  })

  it('asks for both fields before sending anything', async () => {
    const seen = mockServer(anonymous)
    renderPage(routes, '/sign-in')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#email')
    expect(screen.getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password')
    expect(seen.some((r) => r.url.endsWith('/login'))).toBe(false)
  })

  it('says how long to wait after too many tries', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/login') return json(429, { status: 429, title: 'Too Many Requests' }, { 'Retry-After': '300' })
      return anonymous(req, url)
    })
    renderPage(routes, '/sign-in')
    await fillIn('sam@example.com', 'whatever password')
    expect(await screen.findByText('You have tried to sign in too many times. Wait 5 minutes and try again.')).toBeInTheDocument()
  })

  it('shows the service problem when the server is down, then the form again with the email kept', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/login') return new Response('', { status: 503 })
      return anonymous(req, url)
    })
    renderPage(routes, '/sign-in')
    await fillIn('sam@example.com', 'correct horse battery')
    const h1 = await screen.findByRole('heading', { level: 1, name: 'Sorry, there is a problem with the service' })
    await waitFor(() => expect(document.activeElement).toBe(h1))
    await waitFor(() => expect(document.title).toMatch(/^Sorry, there is a problem with the service – /))
    await userEvent.click(screen.getByRole('button', { name: 'Go back and try again' }))
    expect(screen.getByLabelText('Email address')).toHaveValue('sam@example.com')
  })

  it('goes to the account page once signed in', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/login') return json(200, { user: supplier })
      return anonymous(req, url)
    })
    renderPage(routes, '/sign-in')
    await fillIn('sam@example.com', 'correct horse battery')
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/account'))
    expect(await screen.findByRole('link', { name: 'Sign out' })).toBeInTheDocument()
  })
})

describe('SignIn with two-step verification', () => {
  for (const [next, path] of [
    ['two_step_code', '/sign-in/two-step'],
    ['two_step_setup', '/sign-in/set-up-two-step'],
  ]) {
    it(`goes to ${path} when the server asks for ${next}, still signed out`, async () => {
      mockServer((req, url) => {
        if (url.pathname === '/api/v1/auth/login') return json(200, { next })
        return anonymous(req, url)
      })
      renderPage(routes, '/sign-in')
      await fillIn('ada@council.example', 'correct horse battery')
      await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(path))
      expect(JSON.parse(screen.getByTestId('location').dataset.state!)).toEqual({ next: '/account' })
      expect(screen.queryByRole('link', { name: 'Sign out' })).not.toBeInTheDocument()
    })
  }
})
