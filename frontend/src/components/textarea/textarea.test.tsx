import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { Textarea } from './textarea'

function Field({ max, words }: { max?: number; words?: number }) {
  const [v, setV] = useState('')
  return (
    <Textarea id="description" label="Describe it" hint="A few sentences." maxLength={max} maxWords={words} value={v} onChange={(e) => setV(e.target.value)} />
  )
}

describe('Textarea', () => {
  it('is a labelled textarea described by its hint', () => {
    render(<Field />)
    expect(screen.getByLabelText('Describe it')).toHaveClass('govuk-textarea')
    expect(screen.getByLabelText('Describe it')).toHaveAccessibleDescription('A few sentences.')
  })

  it('counts the characters left, and going over is shown as an error without stopping the typing', async () => {
    render(<Field max={10} />)
    const box = screen.getByLabelText('Describe it')
    expect(screen.getByText('You have 10 characters remaining')).toBeInTheDocument()
    await userEvent.type(box, 'abcdefghi')
    expect(screen.getByText('You have 1 character remaining')).toBeInTheDocument()
    await userEvent.type(box, 'jkl')
    expect(box).toHaveValue('abcdefghijkl')
    expect(screen.getByText('You have 2 characters too many')).toHaveClass('govuk-error-message')
    expect(box).toHaveClass('govuk-textarea--error')
    expect(box.getAttribute('aria-describedby')).toBe('description-hint description-info')
  })

  it('counts words left with a word limit, as the GOV.UK character count does', async () => {
    render(<Field words={3} />)
    const box = screen.getByLabelText('Describe it')
    expect(screen.getByText('You have 3 words remaining')).toBeInTheDocument()
    await userEvent.type(box, 'one  two ')
    expect(screen.getByText('You have 1 word remaining')).toBeInTheDocument()
    await userEvent.type(box, 'three four five')
    expect(screen.getByText('You have 2 words too many')).toHaveClass('govuk-error-message')
  })
})
