import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route, Routes } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { Email } from '../email/email'
import { RegistrationProvider, type Answers } from '../registration'
import { CheckAnswers } from './check-answers'

const answers: Answers = {
  organisationName: 'Patel Cleaning',
  legalForm: 'community_interest_company',
  name: 'Sam Patel',
  email: 'sam@example.com',
  password: 'purple kettle river walk',
}

function renderCheckAnswers(initial: Partial<Answers> = answers) {
  return renderPage(
    [
      <Route
        key="r"
        path="/register/*"
        element={
          <RegistrationProvider initial={initial}>
            <RoutesInside />
          </RegistrationProvider>
        }
      />,
    ],
    '/register/check-answers',
  )
}

function RoutesInside() {
  return (
    <Routes>
      <Route path="check-answers" element={<CheckAnswers />} />
      <Route path="email" element={<Email />} />
      <Route path="*" element={<h1>Another step</h1>} />
    </Routes>
  )
}

describe('CheckAnswers', () => {
  it('shows every answer, hides the password and offers a Change link for each', () => {
    mockServer(anonymous)
    renderCheckAnswers()
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Check your answers before creating your account')
    const row = (key: string) => screen.getByText(key, { selector: 'dt' }).closest('.govuk-summary-list__row') as HTMLElement
    expect(row('Organisation name')).toHaveTextContent('Patel Cleaning')
    expect(row('Type of organisation')).toHaveTextContent('Community interest company (CIC)')
    expect(row('Your name')).toHaveTextContent('Sam Patel')
    expect(row('Email address')).toHaveTextContent('sam@example.com')
    expect(row('Password')).not.toHaveTextContent('purple kettle')
    expect(within(row('Email address')).getByRole('link', { name: /^Change\s*email address$/ })).toHaveAttribute(
      'href',
      '/register/email?change=1',
    )
  })

  it('sends the answers and goes to check your email', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/register') return json(202, { message: 'Check your email' })
      return anonymous(req, url)
    })
    renderCheckAnswers()
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/register/check-your-email'))
    const sent = seen.find((r) => r.url.endsWith('/api/v1/auth/register'))!
    expect(await sent.json()).toEqual(answers)
    expect(JSON.parse(screen.getByTestId('location').dataset.state!)).toEqual({ email: 'sam@example.com' })
  })

  it('links server errors to the question page, which shows them with the answer kept', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/register')
        return json(422, {
          title: 'Unprocessable Entity',
          status: 422,
          errors: [{ location: 'body.email', message: 'Enter an email address in the correct format, like name@example.com' }],
        })
      return anonymous(req, url)
    })
    renderCheckAnswers()
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }))
    const link = await screen.findByRole('link', { name: 'Enter an email address in the correct format, like name@example.com' })
    expect(link).toHaveAttribute('href', '/register/email?change=1')
    await waitFor(() => expect(document.activeElement).toHaveClass('govuk-error-summary'))
    await waitFor(() => expect(document.title).toMatch(/^Error: Check your answers/))

    await userEvent.click(link)
    const input = await screen.findByLabelText('What is your email address?')
    expect(input).toHaveValue('sam@example.com')
    expect(input).toHaveClass('govuk-input--error')
    await waitFor(() => expect(document.title).toMatch(/^Error: What is your email address\?/))
  })

  it('shows the service problem and keeps the answers when the service is down', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/auth/register') throw new TypeError('Failed to fetch')
      return anonymous(req, url)
    })
    renderCheckAnswers()
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sorry, there is a problem with the service' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Go back and try again' }))
    expect(screen.getByText('Patel Cleaning')).toBeInTheDocument()
  })

  it('sends someone who skipped a question back to it', () => {
    mockServer(anonymous)
    renderCheckAnswers({ ...answers, password: '' })
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Another step')
    expect(screen.getByTestId('location')).toHaveTextContent('/register/password')
  })
})
