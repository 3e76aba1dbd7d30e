import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { anonymous, json, mockServer, type Route as ApiRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { results, summary } from '../fixtures'
import { OpportunitySearch } from './opportunity-search'

const route = <Route path="/opportunities" element={<OpportunitySearch />} />

const graffiti = { code: '90690000-0', description: 'Graffiti removal services', ancestors: [] }

function server(answer: ApiRoute) {
  return mockServer((req, url) => {
    if (url.pathname === '/api/v1/opportunities') return answer(req, url)
    if (url.pathname === '/api/v1/cpv') return json(200, { items: [graffiti] })
    return anonymous(req, url)
  })
}

const searched = (seen: Request[]) =>
  seen.filter((r) => new URL(r.url).pathname === '/api/v1/opportunities').map((r) => Object.fromEntries(new URL(r.url).searchParams))

beforeEach(() => {
  // 9:00am in London on 8 June 2026: 23 London days before the noon deadline on 1 July.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-06-08T08:00:00Z'))
})

afterEach(() => {
  vi.useRealTimers()
})

describe('OpportunitySearch', () => {
  it('asks the API with the address’s parameters and shows the results', async () => {
    const seen = server(() => json(200, results))
    renderPage(route, '/opportunities?q=graffiti&procedure=quick_quote')
    expect(await screen.findByRole('heading', { name: '1,234 opportunities' })).toBeInTheDocument()
    expect(searched(seen)).toEqual([{ q: 'graffiti', procedure: 'quick_quote' }])
    await waitFor(() => expect(document.title).toBe('Find opportunities – Find and win council work – Islington Council'))

    const item = screen.getByRole('link', { name: 'Graffiti removal in parks' }).closest('li')!
    expect(within(item).getByRole('link', { name: 'Graffiti removal in parks' })).toHaveAttribute('href', `/opportunities/${summary.id}`)
    const text = item.textContent ?? ''
    expect(text).toContain('Remove graffiti from benches and walls in 12 parks.')
    expect(text).toContain('£45,000 (without VAT)')
    expect(text).toContain('23 days to bid')
    expect(text).toContain('Closing date:midday on Wednesday 1 July 2026')
    expect(text).toContain('Quick quote (below the threshold)')
    expect(within(item).getByText('Suitable for small businesses')).toHaveClass('govuk-tag')
    expect(within(item).queryByText('Suitable for VCSEs')).toBeNull()

    // The form shows the search, the filter in use is a link that removes it.
    expect(screen.getByLabelText('Search opportunities')).toHaveValue('graffiti')
    expect(screen.getByLabelText('Quick quote')).toBeChecked()
    expect(screen.getByRole('link', { name: 'Remove filter: How to bid: Quick quote' })).toHaveAttribute('href', '/opportunities?q=graffiti')
    expect(screen.getByRole('link', { name: 'Page 2' })).toHaveAttribute('href', '/opportunities?q=graffiti&procedure=quick_quote&page=2')
    expect(screen.getByRole('link', { name: /Atom feed/ })).toHaveAttribute(
      'href',
      '/api/v1/feeds/opportunities.atom?q=graffiti&procedure=quick_quote',
    )
    expect(screen.getByRole('link', { name: 'Get new opportunities by email: set up an alert' })).toHaveAttribute('href', '/alerts')
    expect(screen.getByRole('link', { name: /forward pipeline/ })).toHaveAttribute('href', '/opportunities/pipeline')
    // With words, "most relevant" is offered.
    expect(within(screen.getByLabelText('Sort by')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Most relevant',
      'Closing soonest',
      'Newest',
    ])
  })

  it('builds the address from the filter form, and a new search from it', async () => {
    const seen = server(() => json(200, results))
    renderPage(route, '/opportunities')
    await screen.findByRole('heading', { name: '1,234 opportunities' })
    // Without words there is nothing to be relevant to.
    expect(within(screen.getByLabelText('Sort by')).queryByRole('option', { name: 'Most relevant' })).toBeNull()

    // Pasted rather than typed: a keystroke at a time is slow in jsdom on a busy machine.
    await userEvent.click(screen.getByLabelText('Search opportunities'))
    await userEvent.paste('graffiti')
    await userEvent.click(screen.getByLabelText('Suitable for small businesses'))
    await userEvent.click(screen.getByLabelText('£25,000 to £100,000'))
    await userEvent.click(screen.getByLabelText('In the council’s own area'))
    await userEvent.click(screen.getByLabelText('14 days'))
    // The kind of work is found by words, with the picker the profile and alerts use.
    const picker = document.querySelector('.app-cpv-picker') as HTMLElement
    await userEvent.click(within(picker).getByLabelText('Search for a kind of work'))
    await userEvent.paste('graffiti')
    await userEvent.click(within(picker).getByRole('button', { name: /^Search\s*for a kind of work$/ }))
    await userEvent.click(await within(picker).findByRole('button', { name: /^Add\s*Graffiti removal services$/ }))
    expect(within(picker).getByText('Graffiti removal services', { selector: 'dt' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }))
    const want =
      '/opportunities?q=graffiti&cpv=90690000-0&locality=local&minValuePence=2500001&maxValuePence=10000000&closingWithinDays=14&suitableForSmes=true'
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(want))
    await waitFor(() => expect(searched(seen)).toHaveLength(2))
    expect(searched(seen)[1]).toEqual({
      q: 'graffiti',
      cpv: '90690000-0',
      locality: 'local',
      minValuePence: '2500001',
      maxValuePence: '10000000',
      closingWithinDays: '14',
      suitableForSmes: 'true',
    })
    expect(await screen.findByRole('link', { name: 'Remove filter: Value: £25,000 to £100,000' })).toHaveAttribute(
      'href',
      '/opportunities?q=graffiti&cpv=90690000-0&locality=local&closingWithinDays=14&suitableForSmes=true',
    )

    // The results of the new search, with their sort order, replace the loading message.
    await userEvent.selectOptions(await screen.findByLabelText('Sort by'), 'newest')
    await userEvent.click(screen.getByRole('button', { name: 'Sort' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`${want}&sort=newest`))
  })

  it('takes focus to the new results heading after "Apply filters", and after applying the same filters again', async () => {
    let answer = results
    server(() => json(200, answer))
    renderPage(route, '/opportunities')
    await screen.findByRole('heading', { name: '1,234 opportunities' })
    answer = { ...results, total: 7 }
    const apply = screen.getByRole('button', { name: 'Apply filters' })
    await userEvent.click(screen.getByLabelText('Suitable for small businesses'))
    await userEvent.click(apply)
    const heading = await screen.findByRole('heading', { name: '7 opportunities' })
    await waitFor(() => expect(heading).toHaveFocus())
    expect(heading).toHaveAttribute('tabindex', '-1')
    // Nothing new to load: the results are already there, and focus goes to them.
    await userEvent.click(apply)
    expect(heading).toHaveFocus()
  })

  it('puts the filters in a "Filter results" details, which a phone shows folded', async () => {
    vi.stubGlobal('matchMedia', (q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {} }))
    server(() => json(200, results))
    renderPage(route, '/opportunities?suitableForVcses=true')
    await screen.findByRole('heading', { name: '1,234 opportunities' })
    const details = screen.getByText('Filter results (1 selected)').closest('details')!
    expect(details).not.toHaveAttribute('open')
    await userEvent.click(screen.getByText('Filter results (1 selected)'))
    expect(details).toHaveAttribute('open')
    // Applying folds them away again, so that the results are in sight.
    await userEvent.click(within(details).getByLabelText('Suitable for small businesses'))
    await userEvent.click(within(details).getByRole('button', { name: 'Apply filters' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/opportunities?suitableForSmes=true&suitableForVcses=true'))
    expect(details).not.toHaveAttribute('open')
  })

  it('shows a refused search as an error summary linked to the search box, not a crash', async () => {
    server(() =>
      json(422, {
        status: 422,
        title: 'Unprocessable Entity',
        errors: [{ location: 'body.q', message: 'Search words can only contain letters, numbers, spaces and punctuation' }],
      }),
    )
    renderPage(route, '/opportunities?q=%01')
    const link = await screen.findByRole('link', { name: 'Search words can only contain letters, numbers, spaces and punctuation' })
    expect(link).toHaveAttribute('href', '#q')
    expect(document.getElementById('q-error')).toHaveTextContent('Search words can only contain letters, numbers, spaces and punctuation')
    expect(screen.getByLabelText('Search opportunities')).toHaveAttribute('aria-describedby', 'q-hint q-error')
    await waitFor(() => expect(document.activeElement).toHaveClass('govuk-error-summary'))
    await waitFor(() => expect(document.title).toMatch(/^Error: Find opportunities/))
    expect(screen.queryByRole('heading', { name: /opportunities$/, level: 2 })).toBeNull()
  })

  it('shows a filter the API refused by that filter, with the filters open to reach it', async () => {
    vi.stubGlobal('matchMedia', (q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {} }))
    server(() => json(422, { status: 422, errors: [{ location: 'query.closingWithinDays', message: 'expected integer' }] }))
    renderPage(route, '/opportunities?closingWithinDays=soon')
    expect(await screen.findByRole('link', { name: 'Choose how soon it closes from the list' })).toHaveAttribute('href', '#closingWithinDays')
    expect(document.getElementById('closingWithinDays')!.closest('details')).toHaveAttribute('open')
  })

  it('says when nothing matches and suggests removing filters', async () => {
    server(() => json(200, { items: [], total: 0, page: 1, pageSize: 20, sort: 'closing' }))
    renderPage(route, '/opportunities?q=graffiti&procedure=dps_call')
    expect(await screen.findByRole('heading', { name: '0 opportunities' })).toBeInTheDocument()
    expect(screen.getByText('There are no opportunities that match your search.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'clearing all filters' })).toHaveAttribute('href', '/opportunities?q=graffiti')
    expect(screen.queryByLabelText('Sort by')).toBeNull()
  })

  it('shows the service problem page when the API is down', async () => {
    server(() => json(503, { status: 503 }))
    renderPage(route, '/opportunities')
    expect(await screen.findByRole('heading', { name: 'Sorry, there is a problem with the service' })).toBeInTheDocument()
  })
})
