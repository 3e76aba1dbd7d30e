import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { CpvResult } from '../../api/client'
import { CpvPicker, type CpvCode } from './cpv-picker'

const cleaning: CpvResult = {
  code: '90910000-9',
  description: 'Cleaning services',
  ancestors: [
    { code: '90000000-7', description: 'Sewage, refuse, cleaning and environmental services' },
    { code: '90900000-6', description: 'Cleaning and sanitation services' },
  ],
}
const windows: CpvResult = {
  code: '90911300-9',
  description: 'Window-cleaning services',
  ancestors: [...cleaning.ancestors, { code: '90911000-6', description: 'Accommodation, building and window cleaning services' }],
}

function Picker({
  search,
  initial = [],
  onSubmit,
  single,
}: {
  search: (q: string) => Promise<CpvResult[]>
  initial?: CpvCode[]
  onSubmit?: () => void
  single?: boolean
}) {
  const [chosen, setChosen] = useState<CpvCode[]>(initial)
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit?.()
      }}
    >
      <CpvPicker id="cpv-search" chosen={chosen} onChange={setChosen} search={search} single={single} />
      <output data-testid="chosen">{chosen.map((c) => c.code).join(',')}</output>
      <button type="submit">Continue</button>
    </form>
  )
}

// jsdom runs a button's text and its visually hidden words together ("AddCleaning
// services"), where browsers put a space; the names below allow either.
describe('CpvPicker', () => {
  it('searches on Enter without submitting the page’s form, and shows where each result sits in the hierarchy', async () => {
    const search = vi.fn(async () => [cleaning, windows])
    const submitted = vi.fn()
    render(<Picker search={search} onSubmit={submitted} />)
    await userEvent.type(screen.getByLabelText('Search for a kind of work'), 'cleaning{Enter}')
    expect(search).toHaveBeenCalledWith('cleaning', 20)
    expect(submitted).not.toHaveBeenCalled()
    expect(await screen.findByText('2 results for ‘cleaning’.')).toBeInTheDocument()
    const item = screen.getByText('Window-cleaning services', { selector: 'strong' }).closest('li')!
    // Sighted people read "A › B"; screen readers hear "Part of: A, then B".
    const path = item.querySelector('.app-cpv-result__path')!
    expect(path.textContent).toBe(
      'Part of: Sewage, refuse, cleaning and environmental services › , then Cleaning and sanitation services › , then Accommodation, building and window cleaning services',
    )
    expect([...path.querySelectorAll('[aria-hidden="true"]')].map((e) => e.textContent)).toEqual([' › ', ' › '])
    expect(item).toHaveTextContent('90911300-9')
  })

  it('adds and removes codes, announcing each change', async () => {
    render(<Picker search={async () => [cleaning, windows]} />)
    expect(screen.getByText('You have not chosen any yet.')).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Search for a kind of work'), 'cleaning')
    await userEvent.click(screen.getByRole('button', { name: 'Search' }))
    await userEvent.click(await screen.findByRole('button', { name: /^Add\s*Cleaning services$/ }))
    await userEvent.click(screen.getByRole('button', { name: /^Add\s*Window-cleaning services$/ }))
    expect(screen.getByTestId('chosen')).toHaveTextContent('90910000-9,90911300-9')
    expect(screen.getByText('Added Window-cleaning services. You have chosen 2 kinds of work.')).toBeInTheDocument()

    // A chosen result can be removed where it is, or from the chosen list.
    const chosen = document.getElementById('cpv-search-chosen')!
    await userEvent.click(within(chosen).getByRole('button', { name: /^Remove\s*Cleaning services$/ }))
    expect(screen.getByTestId('chosen')).toHaveTextContent('90911300-9')
    expect(screen.getByText('Removed Cleaning services. You have chosen 1 kind of work.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /^Add\s*Cleaning services$/ })).toBeInTheDocument()
    await userEvent.click(within(chosen).getByRole('button', { name: /^Remove\s*Window-cleaning services$/ }))
    expect(screen.getByTestId('chosen')).toBeEmptyDOMElement()
  })

  it('does not add a code twice', async () => {
    render(<Picker search={async () => [cleaning]} initial={[{ code: cleaning.code, description: cleaning.description }]} />)
    await userEvent.type(screen.getByLabelText('Search for a kind of work'), 'cleaning{Enter}')
    const result = (await screen.findByText('1 result for ‘cleaning’.')) && screen.getByText('Chosen').closest('li')!
    // Already chosen: the result offers Remove, not Add.
    expect(within(result).getByRole('button', { name: /^Remove\s*Cleaning services$/ })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Add\s*Cleaning services$/ })).not.toBeInTheDocument()
  })

  it('asks for words before searching', async () => {
    const search = vi.fn(async () => [])
    render(<Picker search={search} />)
    await userEvent.click(screen.getByRole('button', { name: 'Search' }))
    expect(screen.getByText('Enter words or a code to search for')).toHaveClass('govuk-error-message')
    expect(screen.getByLabelText('Search for a kind of work')).toHaveAttribute('aria-describedby', 'cpv-search-hint cpv-search-error')
    expect(search).not.toHaveBeenCalled()
  })

  it('says when nothing matches, and when the search fails', async () => {
    let fail = false
    render(
      <Picker
        search={async () => {
          if (fail) throw new Error('down')
          return []
        }}
      />,
    )
    await userEvent.type(screen.getByLabelText('Search for a kind of work'), 'zebras{Enter}')
    expect(await screen.findByText('No kinds of work match ‘zebras’. Try other words, or fewer of them.')).toBeInTheDocument()
    fail = true
    await userEvent.type(screen.getByLabelText('Search for a kind of work'), '{Enter}')
    expect(await screen.findByText(/the search is not working just now/)).toBeInTheDocument()
  })

  it('keeps one kind of work when only one is allowed: adding another replaces it', async () => {
    render(<Picker search={async () => [cleaning, windows]} initial={[{ code: cleaning.code, description: cleaning.description }]} single />)
    expect(screen.getByRole('heading', { name: 'Kind of work you have chosen' })).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Search for a kind of work'), 'cleaning{Enter}')
    await userEvent.click(await screen.findByRole('button', { name: /^Add\s*Window-cleaning services$/ }))
    expect(screen.getByTestId('chosen')).toHaveTextContent(/^90911300-9$/)
    expect(document.body.textContent).toContain('Chose Window-cleaning services instead of Cleaning services.')
  })
})
