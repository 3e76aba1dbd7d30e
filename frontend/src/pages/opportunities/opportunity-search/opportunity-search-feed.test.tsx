import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { results } from '../fixtures'
import { OpportunitySearch } from './opportunity-search'

const feeds = () => [...document.head.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')]

describe('OpportunitySearch feed link', () => {
  it('announces the Atom feed of the search in the head, with the current filters, for feed readers to find', async () => {
    mockServer((req, url) => (url.pathname === '/api/v1/opportunities' ? json(200, results) : anonymous(req, url)))
    const { unmount } = renderPage(
      <Route path="/opportunities" element={<OpportunitySearch />} />,
      '/opportunities?q=graffiti&cpv=45000000-7&sort=newest&page=2',
    )
    await screen.findByRole('heading', { name: '1,234 opportunities' }, { timeout: 10000 })
    expect(feeds().map((l) => l.getAttribute('href'))).toEqual(['/api/v1/feeds/opportunities.atom?q=graffiti&cpv=45000000-7&sort=newest'])
    expect(feeds()[0]).toHaveAttribute('title', 'Opportunities matching this search')

    // A new search moves the link with it.
    const user = userEvent.setup()
    await user.click(await screen.findByRole('link', { name: 'Remove filter: Kind of work: CPV code 45000000-7' }))
    await screen.findByRole('heading', { name: '1,234 opportunities' }, { timeout: 10000 })
    expect(feeds().map((l) => l.getAttribute('href'))).toEqual(['/api/v1/feeds/opportunities.atom?q=graffiti&sort=newest'])

    unmount()
    expect(feeds()).toEqual([])
  })
})
