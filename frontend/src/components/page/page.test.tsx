import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Link, Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, mockServer } from '../../test/fetch'
import { renderPage } from '../../test/render'
import { Page, pageTitle } from './page'

function First() {
  return (
    <Page title="First page">
      <h1 className="govuk-heading-l">First page</h1>
      <Link to="/second">Go on</Link>
    </Page>
  )
}

function Second() {
  return (
    <Page title="Second page" error>
      <h1 className="govuk-heading-l">Second page</h1>
    </Page>
  )
}

const routes = [<Route key="1" path="/first" element={<First />} />, <Route key="2" path="/second" element={<Second />} />]

describe('Page', () => {
  it('sets the title to page, service and council', () => {
    mockServer(anonymous)
    renderPage(routes, '/first')
    expect(document.title).toBe('First page – Find and win council work – Islington Council')
  })

  it('leaves focus alone on the first page load', () => {
    mockServer(anonymous)
    renderPage(routes, '/first')
    expect(document.activeElement).toBe(document.body)
  })

  it('moves focus to the new h1 and updates the title after a navigation', async () => {
    mockServer(anonymous)
    renderPage(routes, '/first')
    await userEvent.click(screen.getByRole('link', { name: 'Go on' }))
    const h1 = await screen.findByRole('heading', { level: 1, name: 'Second page' })
    await waitFor(() => expect(document.activeElement).toBe(h1))
    expect(h1).toHaveAttribute('tabindex', '-1')
    expect(document.title).toBe('Error: Second page – Find and win council work – Islington Council')
  })
})

describe('pageTitle', () => {
  it('does not repeat the service name on the start page', () => {
    expect(pageTitle('Find and win council work', 'Find and win council work', 'Islington Council')).toBe(
      'Find and win council work – Islington Council',
    )
  })

  it('leaves out a council name it does not know yet', () => {
    expect(pageTitle('Sign in', 'Find and win council work', '')).toBe('Sign in – Find and win council work')
  })
})
