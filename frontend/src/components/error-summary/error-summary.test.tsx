import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { MemoryRouter } from 'react-router'
import { describe, expect, it } from 'vitest'
import { ErrorSummary } from './error-summary'

function renderSummary(attempt = 0) {
  return render(
    <MemoryRouter>
      <ErrorSummary
        attempt={attempt}
        errors={[
          { field: 'email', text: 'Enter your email address' },
          { field: 'password', text: 'Enter your password' },
          { text: 'Try again later' },
          { to: '/register/email?change=1', text: 'Email address is already in use' },
        ]}
      />
      <label htmlFor="email">Email</label>
      <input id="email" />
      <input id="password" />
    </MemoryRouter>,
  )
}

describe('ErrorSummary', () => {
  it('links each field error to the field id', () => {
    renderSummary()
    expect(screen.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#email')
    expect(screen.getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password')
  })

  it('shows a problem with no field as text, and another page as a link to it', () => {
    renderSummary()
    expect(screen.getByText('Try again later').closest('a')).toBeNull()
    expect(screen.getByRole('link', { name: 'Email address is already in use' })).toHaveAttribute(
      'href',
      '/register/email?change=1',
    )
  })

  it('uses the GOV.UK markup with an alert and the title', () => {
    const { container } = renderSummary()
    const root = container.querySelector('.govuk-error-summary')
    expect(root).toHaveAttribute('data-module', 'govuk-error-summary')
    expect(screen.getByRole('alert')).toHaveTextContent('There is a problem')
    expect(container.querySelector('.govuk-error-summary__list')).toHaveClass('govuk-list')
  })

  it('takes focus when it appears and again on every failed attempt', () => {
    const { container, rerender } = renderSummary(1)
    const root = container.querySelector('.govuk-error-summary')!
    expect(document.activeElement).toBe(root)

    ;(document.getElementById('email') as HTMLInputElement).focus()
    rerender(
      <MemoryRouter>
        <ErrorSummary attempt={2} errors={[{ field: 'email', text: 'Enter your email address' }]} />
        <input id="email" />
      </MemoryRouter>,
    )
    expect(document.activeElement).toBe(container.querySelector('.govuk-error-summary'))
  })

  it('moves focus to the field when its link is followed', async () => {
    renderSummary(1)
    await userEvent.click(screen.getByRole('link', { name: 'Enter your password' }))
    expect(document.activeElement).toBe(document.getElementById('password'))
  })

  it('renders nothing without errors', () => {
    const { container } = render(<ErrorSummary errors={[]} />)
    expect(container).toBeEmptyDOMElement()
  })
})
