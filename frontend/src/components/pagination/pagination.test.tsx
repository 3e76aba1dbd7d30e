import { render, screen, within } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { describe, expect, it } from 'vitest'
import { Pagination, pageNumbers } from './pagination'

describe('pageNumbers', () => {
  it.each([
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 10, [1, 2, 0, 10]],
    [5, 10, [1, 0, 4, 5, 6, 0, 10]],
    [10, 10, [1, 0, 9, 10]],
    [3, 5, [1, 2, 3, 4, 5]],
  ])('page %d of %d shows %j (0 is an ellipsis)', (page, count, want) => {
    expect(pageNumbers(page, count)).toEqual(want)
  })
})

describe('Pagination', () => {
  it('links the pages, marks the current one, and offers previous and next', () => {
    render(
      <MemoryRouter>
        <Pagination page={2} pageCount={3} hrefFor={(p) => `/suppliers?page=${p}`} />
      </MemoryRouter>,
    )
    const nav = screen.getByRole('navigation', { name: 'Pagination' })
    expect(within(nav).getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page')
    expect(within(nav).getByRole('link', { name: /Previous/ })).toHaveAttribute('href', '/suppliers?page=1')
    expect(within(nav).getByRole('link', { name: /Next/ })).toHaveAttribute('href', '/suppliers?page=3')
  })

  it('shows nothing for a single page', () => {
    const { container } = render(
      <MemoryRouter>
        <Pagination page={1} pageCount={1} hrefFor={() => '/'} />
      </MemoryRouter>,
    )
    expect(container).toBeEmptyDOMElement()
  })
})
