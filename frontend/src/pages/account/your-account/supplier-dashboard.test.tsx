import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { afterEach, describe, expect, it } from 'vitest'
import { chooseOrganisation } from '../../../app/acting-for'
import { anonymous, json, mockServer, supplier, type Route as ServerRoute } from '../../../test/fetch'
import { savedProfile } from '../../../test/profile'
import { renderPage } from '../../../test/render'
import { YourAccount } from './your-account'

const org = supplier.organisations[0].id
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString()
const deadline = (at: string, text: string) => ({ at, local: at.slice(0, 16), text })

const interest = (over = {}) => ({
  id: 'o1',
  reference: 'FT-2026-000101',
  title: 'Graffiti removal in parks',
  status: 'open',
  submissionDeadline: deadline(days(3), 'midday on Friday 4 December 2026'),
  clarificationDeadline: deadline(days(1), '5pm on Wednesday 2 December 2026'),
  registeredAt: '2026-11-20T10:00:00Z',
  registeredByYou: true,
  ...over,
})

const empty = { draft: { exists: false, stale: false, baseVersion: 0, sections: [], answers: {} } }

/** A server with something in every part of the dashboard; over answers first. */
function server(over?: ServerRoute) {
  return mockServer(async (req, url) => {
    const answer = await over?.(req, url)
    if (answer) return answer
    switch (url.pathname) {
      case '/api/v1/me':
        return json(200, supplier)
      case '/api/v1/notifications':
        return json(200, {
          items: [
            {
              id: 'n1',
              kind: 'match',
              title: 'New: Park benches',
              body: '',
              link: '/opportunities/o9',
              alertName: 'Parks work',
              createdAt: '2026-12-01T09:00:00Z',
              deadline: deadline(days(20), 'midday on Tuesday 22 December 2026'),
              deadlineChanged: false,
            },
            { id: 'n2', kind: 'amended', title: 'Changed: Graffiti removal', body: '', link: '/opportunities/o1', createdAt: '2026-12-01T08:00:00Z', deadlineChanged: false },
          ],
          total: 2,
          unread: 2,
          page: 1,
          pageSize: 50,
        })
      case '/api/v1/supplier/interests':
        return json(200, {
          items: [interest(), interest({ id: 'o2', reference: 'FT-2026-000102', title: 'Library cleaning', status: 'cancelled', clarificationDeadline: undefined })],
          total: 7,
          page: 1,
          pageSize: 5,
        })
      case '/api/v1/supplier/bids':
        return json(200, {
          items: [
            {
              id: 'b1',
              reference: 'BID-7K2M9Q',
              opportunityId: 'o1',
              opportunityTitle: 'Graffiti removal in parks',
              organisationName: 'Patel Cleaning',
              status: 'submitted',
              statusText: 'Submitted',
              deadline: deadline(days(3), 'midday on Friday 4 December 2026'),
            },
          ],
        })
      case '/api/v1/supplier/questions':
        return json(200, {
          items: [
            {
              id: 'q1',
              subject: 'Access to the parks at night',
              question: 'Can we work at night?',
              opportunityId: 'o1',
              opportunityTitle: 'Graffiti removal in parks',
              opportunityReference: 'FT-2026-000101',
              status: 'awaiting_answer',
              statusText: 'Waiting for an answer',
              askedAt: '2026-11-30T10:00:00Z',
              answerPrivately: false,
              threadRef: 'Q1',
            },
          ],
        })
      case '/api/v1/supplier/dps-applications':
        return json(200, {
          items: [
            { id: 'a1', dpsId: 'd1', dpsTitle: 'Youth services', dpsReference: 'DPS-1', organisationId: org, status: 'submitted', dueAt: '2026-12-14T17:00:00Z' },
            { id: 'a2', dpsId: 'd2', dpsTitle: 'Other organisation’s list', dpsReference: 'DPS-2', organisationId: 'someone-else', status: 'draft' },
          ],
        })
      case '/api/v1/supplier/profile':
        return json(200, savedProfile, { ETag: `"${savedProfile.version}"` })
      case '/api/v1/supplier/profile/draft':
        return json(200, empty.draft)
    }
    return anonymous(req, url)
  })
}

const open = () => renderPage(<Route path="/account" element={<YourAccount />} />, '/account')
const card = async (name: string) => (await screen.findByRole('heading', { level: 2, name })).closest('section') as HTMLElement

afterEach(() => window.localStorage.clear())

describe('the supplier’s dashboard', () => {
  it('shows new matches, interests with their deadlines, bids, questions, applications and what the profile lacks', async () => {
    const seen = server()
    open()

    const matches = await card('New matches')
    await within(matches).findByRole('link', { name: 'New: Park benches' })
    expect(within(matches).getByRole('link', { name: 'New: Park benches' })).toHaveAttribute('href', '/opportunities/o9')
    expect(matches).toHaveTextContent('Bids by midday on Tuesday 22 December 2026')
    expect(matches).toHaveTextContent('Matched your alert ‘Parks work’')
    expect(matches).not.toHaveTextContent('Changed: Graffiti removal') // not a match
    expect(within(matches).getByRole('link', { name: 'Go to your inbox' })).toHaveAttribute('href', '/inbox?unread=true')

    const interests = await card('Opportunities you registered interest in')
    const link = await within(interests).findByRole('link', { name: 'Graffiti removal in parks' })
    expect(link).toHaveAttribute('href', '/opportunities/o1')
    expect(interests).toHaveTextContent('FT-2026-000101')
    expect(within(interests).getByText('3 days to bid')).toHaveClass('govuk-tag', 'govuk-tag--orange')
    expect(interests).toHaveTextContent('Bids by midday on Friday 4 December 2026')
    expect(interests).toHaveTextContent('Questions by 5pm on Wednesday 2 December 2026')
    expect(within(interests).getByText('Cancelled')).toHaveClass('govuk-tag')
    expect(interests).toHaveTextContent('Showing 2 of 7 opportunities, those closing soonest first.')

    const bids = await card('Your bids')
    expect(await within(bids).findByRole('link', { name: 'Graffiti removal in parks' })).toHaveAttribute('href', '/bids/b1')
    expect(within(bids).getByText('Submitted')).toHaveClass('govuk-tag')

    const questions = await card('Your questions')
    expect(await within(questions).findByText('Access to the parks at night')).toBeInTheDocument()
    expect(within(questions).getByText('Waiting for an answer')).toHaveClass('govuk-tag')

    const applications = await card('Applications to supplier lists')
    expect(await within(applications).findByRole('link', { name: 'Youth services' })).toHaveAttribute('href', '/dps-applications/a1')
    expect(within(applications).getByText('Waiting for a decision')).toHaveClass('govuk-tag')
    expect(applications).toHaveTextContent('Decision by Monday 14 December 2026')
    expect(applications).not.toHaveTextContent('Other organisation’s list')

    const profile = await card('Your organisation’s profile')
    const task = await within(profile).findByRole('link', { name: 'Ethical standards' })
    expect(task).toHaveAttribute('href', '/profile/declarations')
    expect(within(profile).getByText('Not yet started')).toBeInTheDocument()
    expect(within(profile).queryByRole('link', { name: 'Registered address' })).not.toBeInTheDocument() // done already

    // Each organisation-scoped part asks for the organisation the supplier acts for.
    for (const path of ['/api/v1/supplier/interests', '/api/v1/supplier/bids', '/api/v1/supplier/questions', '/api/v1/supplier/profile']) {
      const asked = seen.filter((r) => new URL(r.url).pathname === path)
      expect(asked, path).toHaveLength(1)
      expect(new URL(asked[0].url).searchParams.get('organisationId'), path).toBe(org)
    }
    // What the page showed before the dashboard is still there, below it.
    expect(screen.getByRole('heading', { level: 2, name: 'Your details' })).toBeInTheDocument()
    expect(screen.getByRole('heading', { name: 'What to do next' })).toBeInTheDocument()
  })

  it('marks a match read when it is opened from here, so it is no longer new', async () => {
    const seen = server((req, url) => (req.method === 'POST' && url.pathname === '/api/v1/notifications/n1/read' ? new Response(null, { status: 204 }) : undefined))
    open()
    await userEvent.click(await within(await card('New matches')).findByRole('link', { name: 'New: Park benches' }))
    expect(await screen.findByTestId('location')).toHaveTextContent('/opportunities/o9')
    await waitFor(() => expect(seen.some((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/notifications/n1/read')).toBe(true))
  })

  it('says plainly when each part is empty, and where to go next', async () => {
    server((_req, url) => {
      switch (url.pathname) {
        case '/api/v1/notifications':
          return json(200, { items: [], total: 0, unread: 0, page: 1, pageSize: 50 })
        case '/api/v1/supplier/interests':
          return json(200, { items: [], total: 0, page: 1, pageSize: 5 })
        case '/api/v1/supplier/bids':
        case '/api/v1/supplier/questions':
        case '/api/v1/supplier/dps-applications':
          return json(200, { items: [] })
        case '/api/v1/supplier/profile':
          return json(200, { ...savedProfile, complete: true, missing: [], declarations: savedProfile.declarations.map((d) => ({ ...d, answer: 'yes' })) })
      }
      return undefined
    })
    open()
    expect(await within(await card('New matches')).findByText(/No new opportunities match your alerts/)).toBeInTheDocument()
    expect(within(await card('New matches')).getByRole('link', { name: 'Check your alerts' })).toHaveAttribute('href', '/alerts')
    const interests = await card('Opportunities you registered interest in')
    expect(await within(interests).findByText(/You have not registered interest in any opportunities/)).toBeInTheDocument()
    expect(within(interests).getByRole('link', { name: 'Find opportunities' })).toHaveAttribute('href', '/opportunities')
    expect(await within(await card('Your bids')).findByText(/You have not started any bids/)).toBeInTheDocument()
    expect(await within(await card('Your questions')).findByText(/You have not asked the council any questions/)).toBeInTheDocument()
    const applications = await card('Applications to supplier lists')
    expect(await within(applications).findByText(/You have not applied to join any supplier lists/)).toBeInTheDocument()
    expect(within(applications).getByRole('link', { name: 'Find a supplier list to join' })).toHaveAttribute('href', '/dps')
    expect(await within(await card('Your organisation’s profile')).findByText(/Your profile is complete/)).toBeInTheDocument()
  })

  it('shows a part’s problem when its service fails, and the rest of the page', async () => {
    server((_req, url) => {
      if (url.pathname === '/api/v1/supplier/interests') return json(500, { title: 'Internal Server Error', status: 500 })
      if (url.pathname === '/api/v1/supplier/bids') throw new TypeError('Failed to fetch')
      return undefined
    })
    open()
    const interests = await card('Opportunities you registered interest in')
    expect(await within(interests).findByText(/We cannot show the opportunities you registered interest in just now/)).toBeInTheDocument()
    expect(await within(await card('Your bids')).findByText(/We cannot show your bids just now. Try again later./)).toBeInTheDocument()
    expect(await within(await card('New matches')).findByRole('link', { name: 'New: Park benches' })).toBeInTheDocument()
    expect(await within(await card('Your questions')).findByText('Access to the parks at night')).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument()
  })

  it('is for the organisation chosen by someone in several', async () => {
    const second = { id: '5a0f3f8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', name: 'Patel Gardens', legalForm: 'sole_trader' as const, role: 'member' as const }
    chooseOrganisation(second.id)
    const seen = server((_req, url) => (url.pathname === '/api/v1/me' ? json(200, { ...supplier, organisations: [...supplier.organisations, second] }) : undefined))
    open()
    expect(await screen.findByText('Patel Gardens', { selector: '.govuk-caption-l' })).toBeInTheDocument()
    await within(await card('Opportunities you registered interest in')).findByRole('link', { name: 'Graffiti removal in parks' })
    const asked = seen.filter((r) => new URL(r.url).pathname === '/api/v1/supplier/interests')
    expect(new URL(asked[asked.length - 1].url).searchParams.get('organisationId')).toBe(second.id)
  })

  it('is not shown to council staff, who keep their own next steps', async () => {
    const seen = server((_req, url) =>
      url.pathname === '/api/v1/me' ? json(200, { ...supplier, role: 'buyer', organisations: [] }) : undefined,
    )
    open()
    await screen.findByRole('heading', { name: 'What to do next' })
    expect(screen.getByRole('link', { name: 'See the suppliers registered with the council' })).toHaveAttribute('href', '/suppliers')
    expect(screen.queryByRole('heading', { name: 'New matches' })).not.toBeInTheDocument()
    expect(seen.some((r) => new URL(r.url).pathname.startsWith('/api/v1/supplier/'))).toBe(false)
  })

  it('leaves an unconfirmed supplier the way to confirm', async () => {
    const seen = server((_req, url) => (url.pathname === '/api/v1/me' ? json(200, { ...supplier, emailVerified: false }) : undefined))
    open()
    expect(await screen.findByRole('button', { name: 'Send the link again' })).toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Your bids' })).not.toBeInTheDocument()
    expect(seen.some((r) => new URL(r.url).pathname.startsWith('/api/v1/supplier/'))).toBe(false)
  })
})
