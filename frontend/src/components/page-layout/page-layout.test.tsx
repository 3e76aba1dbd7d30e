import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, mockServer, supplier } from '../../test/fetch'
import { renderPage } from '../../test/render'
import { navItems } from './page-layout'

const home = <Route key="h" path="/" element={<h1>Home</h1>} />

describe('PageLayout', () => {
  it('has a skip link first, the council and service names, a beta banner with feedback, and footer links', async () => {
    mockServer((_r, url) => (url.pathname === '/api/v1/me' ? json(401, { status: 401 }) : undefined))
    const { container } = renderPage(home, '/')
    const links = container.querySelectorAll('a')
    expect(links[0]).toHaveTextContent('Skip to main content')
    expect(links[0]).toHaveAttribute('href', '#main-content')
    expect(screen.getByRole('banner')).toHaveTextContent('Islington Council')
    expect(screen.getByRole('region', { name: 'Service information' })).toHaveTextContent('Find and win council work')
    expect(screen.getByText('Beta')).toHaveClass('govuk-tag')
    expect(screen.getByRole('link', { name: 'give your feedback' })).toHaveAttribute('href', 'mailto:feedback@example.com')
    const footer = within(screen.getByRole('contentinfo'))
    for (const name of ['Accessibility statement', 'Cookies', 'Privacy notice', 'Glossary'])
      expect(footer.getByRole('link', { name })).toBeInTheDocument()
    expect(await screen.findByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in')
  })

  it('offers the account and sign out when signed in', async () => {
    mockServer((_r, url) => (url.pathname === '/api/v1/me' ? json(200, supplier) : undefined))
    renderPage(home, '/')
    expect(await screen.findByRole('link', { name: 'Sign out' })).toHaveAttribute('href', '/sign-out')
    expect(screen.getByRole('link', { name: 'Your account' })).toHaveAttribute('href', '/account')
  })
})

describe('navItems', () => {
  const names = (me: Parameters<typeof navItems>[0], unread = 0) => navItems(me, unread).map((i) => i.text)

  it('gives a confirmed supplier its inbox, alerts and organisation’s pages', () => {
    expect(names(supplier)).toEqual([
      'Find opportunities',
      'Supplier lists',
      'Inbox',
      'Alerts',
      'Your bids',
      'Your questions',
      'Profile',
      'Members',
      'Bank details',
      'Your account',
      'Sign out',
    ])
  })

  it('says how many inbox messages are unread', () => {
    expect(names(supplier, 3)).toContain('Inbox (3 unread)')
  })

  it('leaves them out until the supplier has confirmed their email address', () => {
    expect(names({ ...supplier, emailVerified: false })).toEqual(['Find opportunities', 'Supplier lists', 'Your account', 'Sign out'])
  })

  it('gives buyers their opportunities, the supplier list and the bank changes queue', () => {
    const staff = [
      'Find opportunities',
      'Supplier lists',
      'Your opportunities',
      'Questions to answer',
      'Applications to decide',
      'Suppliers',
      'Bank changes',
      'Your account',
      'Sign out',
    ]
    expect(names({ ...supplier, role: 'buyer', organisations: [] })).toEqual(staff)
  })

  it('gives administrators, and only them, the accounts as well', () => {
    expect(names({ ...supplier, role: 'admin', organisations: [] })).toEqual([
      'Find opportunities',
      'Supplier lists',
      'Your opportunities',
      'Questions to answer',
      'Applications to decide',
      'Suppliers',
      'Bank changes',
      'Accounts',
      'Your account',
      'Sign out',
    ])
  })

  it('gives evaluators and case officers the supplier list only', () => {
    const staff = ['Find opportunities', 'Supplier lists', 'Suppliers', 'Your account', 'Sign out']
    expect(names({ ...supplier, role: 'evaluator', organisations: [] })).toEqual(staff)
    expect(names({ ...supplier, role: 'case_officer', organisations: [] })).toEqual(staff)
  })

  it('offers only sign in to someone not signed in', () => {
    expect(names(undefined)).toEqual(['Find opportunities', 'Supplier lists', 'Sign in'])
  })
})
