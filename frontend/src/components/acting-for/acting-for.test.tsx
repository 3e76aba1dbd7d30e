import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { afterEach, describe, expect, it } from 'vitest'
import { useOrganisationId } from '../../app/require-role'
import { anonymous, json, mockServer, supplier } from '../../test/fetch'
import { renderPage } from '../../test/render'

const consultant = {
  ...supplier,
  organisations: [
    { id: '11111111-1111-4111-8111-111111111111', name: 'Hackney Food Bank', legalForm: 'charitable_incorporated_organisation' as const, role: 'member' as const },
    { id: '22222222-2222-4222-8222-222222222222', name: 'Camden Play CIC', legalForm: 'community_interest_company' as const, role: 'member' as const },
  ],
}

function Probe() {
  return <h1>Acting for {useOrganisationId()}</h1>
}

const routes = <Route path="/probe" element={<Probe />} />

afterEach(() => window.localStorage.clear())

describe('ActingFor', () => {
  it('lets someone in two organisations choose which one the pages act for, and remembers it', async () => {
    mockServer((req, url) => (url.pathname === '/api/v1/me' ? json(200, consultant) : anonymous(req, url)))
    const { unmount } = renderPage(routes, '/probe')
    const select = await screen.findByLabelText('Acting for')
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(consultant.organisations[0].id)
    await userEvent.selectOptions(select, 'Camden Play CIC')
    await userEvent.click(screen.getByRole('button', { name: 'Change' }))
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(consultant.organisations[1].id))
    unmount()
    renderPage(routes, '/probe')
    expect(await screen.findByLabelText('Acting for')).toHaveValue(consultant.organisations[1].id)
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(consultant.organisations[1].id)
  })

  it('is not shown to someone in one organisation', async () => {
    mockServer((req, url) => (url.pathname === '/api/v1/me' ? json(200, supplier) : anonymous(req, url)))
    renderPage(routes, '/probe')
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(supplier.organisations[0].id))
    expect(screen.queryByLabelText('Acting for')).not.toBeInTheDocument()
  })
})
