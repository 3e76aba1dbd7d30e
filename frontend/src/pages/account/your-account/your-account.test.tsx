import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { YourAccount } from './your-account'

describe('YourAccount', () => {
  it('tells a new supplier what they can do now, and what is only coming soon', async () => {
    mockServer((req, url) => (url.pathname === '/api/v1/me' ? json(200, supplier) : anonymous(req, url)))
    renderPage(<Route path="/account" element={<YourAccount />} />, '/account')
    await screen.findByRole('heading', { name: 'What to do next' })
    const main = screen.getByRole('main')
    // Supplier lists work: they are offered, not promised for later.
    expect(main.textContent).not.toContain('Soon you will also be able to join lists of approved suppliers')
    expect(within(main).getByRole('link', { name: 'join a list of approved suppliers' })).toHaveAttribute('href', '/dps')
    expect(within(main).getByRole('link', { name: 'set up an alert' })).toHaveAttribute('href', '/alerts')
    expect(within(main).getByRole('link', { name: 'find opportunities' })).toHaveAttribute('href', '/opportunities')
    expect(main.textContent).toContain('Coming soon, but not available yet, you will be able to:')
    expect(main.textContent).toContain('team up with other organisations to bid together')
  })
})
