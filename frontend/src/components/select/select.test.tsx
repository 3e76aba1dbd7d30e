import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { Select } from './select'

function Field() {
  const [v, setV] = useState('')
  return (
    <Select
      id="localAuthorityCode"
      label="Local authority"
      hint="Grouped by region."
      value={v}
      onChange={(e) => setV(e.target.value)}
      options={[
        { value: '', text: 'Choose local authority' },
        { label: 'London', options: [{ value: 'E09000019', text: 'Islington' }, { value: 'E09000007', text: 'Camden' }] },
        { label: 'North West', options: [{ value: 'E08000003', text: 'Manchester' }] },
      ]}
    />
  )
}

describe('Select', () => {
  it('labels the select, groups its options and changes value', async () => {
    render(<Field />)
    const select = screen.getByLabelText('Local authority')
    expect(select).toHaveClass('govuk-select')
    expect(select).toHaveAccessibleDescription('Grouped by region.')
    expect(within(screen.getByRole('group', { name: 'London' })).getAllByRole('option')).toHaveLength(2)
    await userEvent.selectOptions(select, 'Manchester')
    expect(select).toHaveValue('E08000003')
  })

  it('marks an error', () => {
    render(<Select id="s" label="Size" error="Choose a size" value="" onChange={() => {}} options={[{ value: '', text: 'Any' }]} />)
    expect(screen.getByLabelText('Size')).toHaveClass('govuk-select--error')
    expect(screen.getByLabelText('Size')).toHaveAccessibleDescription('Error: Choose a size')
  })
})
