import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { Checkboxes } from './checkboxes'

const items = [
  { value: 'ISO 9001', label: 'ISO 9001', hint: 'Quality' },
  { value: 'ISO 14001', label: 'ISO 14001' },
  { value: 'Cyber Essentials', label: 'Cyber Essentials' },
]

function Field({ error }: { error?: string }) {
  const [values, setValues] = useState<string[]>([])
  return (
    <>
      <Checkboxes id="accreditations" legend="Which do you hold?" hint="Select all that apply." error={error} items={items} values={values} onChange={setValues} />
      <output data-testid="values">{values.join('|')}</output>
    </>
  )
}

describe('Checkboxes', () => {
  it('groups the checkboxes under the legend, described by the hint, the first with the field id', () => {
    render(<Field />)
    const group = screen.getByRole('group', { name: 'Which do you hold?' })
    expect(group).toHaveAccessibleDescription('Select all that apply.')
    expect(screen.getByLabelText('ISO 9001')).toHaveAttribute('id', 'accreditations')
    expect(screen.getByLabelText('ISO 14001')).toHaveAttribute('id', 'accreditations-2')
    expect(screen.getByLabelText('ISO 9001')).toHaveAccessibleDescription('Quality')
  })

  it('keeps the items’ order whatever order they are ticked in', async () => {
    render(<Field />)
    await userEvent.click(screen.getByLabelText('Cyber Essentials'))
    await userEvent.click(screen.getByLabelText('ISO 9001'))
    expect(screen.getByTestId('values')).toHaveTextContent('ISO 9001|Cyber Essentials')
    await userEvent.click(screen.getByLabelText('ISO 9001'))
    expect(screen.getByTestId('values')).toHaveTextContent(/^Cyber Essentials$/)
  })

  it('shows an error in the GOV.UK way', () => {
    const { container } = render(<Field error="Select at least one" />)
    expect(container.querySelector('.govuk-form-group')).toHaveClass('govuk-form-group--error')
    expect(screen.getByRole('group')).toHaveAttribute('aria-describedby', 'accreditations-hint accreditations-error')
    expect(container.querySelector('#accreditations-error')).toHaveTextContent('Error: Select at least one')
  })
})
