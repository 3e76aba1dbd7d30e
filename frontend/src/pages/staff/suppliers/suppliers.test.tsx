import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { SupplierList } from '../../../api/client'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { filterQuery, filtersFrom } from './filters'
import { Suppliers } from './suppliers'

const buyer = { ...supplier, role: 'buyer' as const, organisations: [] }
const list: SupplierList = {
  items: [
    {
      organisationId: 'o1',
      name: 'Patel Cleaning',
      tradingName: '',
      legalForm: 'community_interest_company',
      size: 'micro',
      vcse: true,
      locality: 'local',
      localAuthorityCode: 'E09000019',
      postcode: 'N7 0AA',
    },
  ],
  total: 120,
  page: 1,
  pageSize: 50,
  counts: { size: { micro: 100, small: 15, medium: 5, large: 0 }, vcse: 30, locality: { local: 60, sub_regional: 40, regional: 20, national: 0 } },
}

describe('Suppliers', () => {
  it('sends the filters in the address, shows counts per class, and offers the same filters as CSV', async () => {
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, buyer)
      if (url.pathname === '/api/v1/suppliers') return json(200, list)
      return anonymous(req, url)
    })
    renderPage(<Route path="/suppliers" element={<Suppliers />} />, '/suppliers?vcse=true&cpv=90910000')
    expect(await screen.findByRole('heading', { name: '120 suppliers match your filters' })).toBeInTheDocument()
    const asked = new URL(seen.find((r) => new URL(r.url).pathname === '/api/v1/suppliers')!.url)
    expect(Object.fromEntries(asked.searchParams)).toEqual({ vcse: 'true', cpv: '90910000', page: '1', pageSize: '50' })
    expect(screen.getByText('SMEs: 120')).toBeInTheDocument()
    expect(screen.getByText('VCSEs: 30')).toBeInTheDocument()
    expect(screen.getByText('Sub-regional: 40')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /as a spreadsheet/ })).toHaveAttribute('href', '/api/v1/suppliers/export.csv?vcse=true&cpv=90910000')
    expect(screen.getByRole('link', { name: 'Patel Cleaning' })).toHaveAttribute('href', '/suppliers/o1')
    expect(screen.getByRole('link', { name: 'Page 3' })).toHaveAttribute('href', '/suppliers?vcse=true&cpv=90910000&page=3')
    expect(screen.getByLabelText('VCSE')).toHaveValue('true')
  })

  it('applies the filters by changing the address', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, buyer)
      if (url.pathname === '/api/v1/suppliers') return json(200, list)
      return anonymous(req, url)
    })
    renderPage(<Route path="/suppliers" element={<Suppliers />} />, '/suppliers')
    await screen.findByRole('heading', { name: '120 suppliers' })
    await userEvent.selectOptions(screen.getByLabelText('How local'), 'local')
    await userEvent.type(screen.getByLabelText('Search words'), 'clean')
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/suppliers?q=clean&locality=local'))
  })

  it('shows a bad CPV code as an error by its field', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, buyer)
      if (url.pathname === '/api/v1/suppliers')
        return json(422, { status: 422, errors: [{ location: 'body.cpv', message: 'Enter a CPV code such as 45000000-7' }] })
      return anonymous(req, url)
    })
    renderPage(<Route path="/suppliers" element={<Suppliers />} />, '/suppliers?cpv=12')
    expect(await screen.findByRole('link', { name: 'Enter a CPV code such as 45000000-7' })).toHaveAttribute('href', '#cpv')
    expect(document.getElementById('cpv-error')).toHaveTextContent('Enter a CPV code such as 45000000-7')
  })
})

describe('filterQuery', () => {
  it('leaves out empty filters and page 1', () => {
    const f = filtersFrom(new URLSearchParams('size=micro&q=&page=2'))
    expect(filterQuery(f)).toBe('?size=micro')
    expect(filterQuery(f, 2)).toBe('?size=micro&page=2')
    expect(filterQuery(filtersFrom(new URLSearchParams()))).toBe('')
  })
})
