import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { TextInput } from './text-input'

function Field({ error, hint }: { error?: string; hint?: string }) {
  const [v, setV] = useState('typed before')
  return <TextInput id="email" label="Email address" hint={hint} error={error} value={v} onChange={(e) => setV(e.target.value)} />
}

describe('TextInput', () => {
  it('labels the input and describes it with its hint', () => {
    render(<Field hint="We will send a link" />)
    const input = screen.getByLabelText('Email address')
    expect(input).toHaveAttribute('id', 'email')
    expect(input).toHaveAttribute('aria-describedby', 'email-hint')
    expect(input).toHaveAccessibleDescription('We will send a link')
  })

  it('shows an error with the GOV.UK classes and a hidden "Error:" prefix', () => {
    const { container } = render(<Field hint="We will send a link" error="Enter your email address" />)
    const input = screen.getByLabelText('Email address')
    expect(container.firstChild).toHaveClass('govuk-form-group', 'govuk-form-group--error')
    expect(input).toHaveClass('govuk-input', 'govuk-input--error')
    expect(input).toHaveAttribute('aria-describedby', 'email-hint email-error')
    const message = container.querySelector('#email-error')!
    expect(message).toHaveClass('govuk-error-message')
    expect(message).toHaveTextContent('Error: Enter your email address')
    expect(message.querySelector('.govuk-visually-hidden')).toHaveTextContent('Error:')
  })

  it('keeps what was typed when an error appears', async () => {
    const { rerender } = render(<Field />)
    const input = screen.getByLabelText('Email address')
    await userEvent.clear(input)
    await userEvent.type(input, 'not-an-email')
    rerender(<Field error="Enter an email address in the correct format" />)
    expect(screen.getByLabelText('Email address')).toHaveValue('not-an-email')
  })

  it('wraps the label in the h1 on a question page', () => {
    render(<TextInput id="name" label="What is your name?" isPageHeading labelSize="l" value="" onChange={() => {}} />)
    const h1 = screen.getByRole('heading', { level: 1, name: 'What is your name?' })
    expect(h1).toHaveClass('govuk-label-wrapper')
    expect(h1.querySelector('label')).toHaveClass('govuk-label', 'govuk-label--l')
  })
})
