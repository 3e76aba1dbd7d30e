import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { profileDraftServer, savedProfile } from '../../../test/profile'
import { renderPage } from '../../../test/render'
import { ProfileLayout } from '../profile-state'
import { Contacts } from './contacts'

const routes = (
  <Route key="p" path="/profile" element={<ProfileLayout />}>
    <Route path="contacts" element={<Contacts />} />
    <Route path="*" element={<h1>Another page</h1>} />
  </Route>
)

function serve(draftDown = false) {
  const draft = profileDraftServer()
  return mockServer((req, url) => {
    if (draftDown && req.method === 'PUT') return json(503, { title: 'Service Unavailable', status: 503 })
    if (url.pathname === '/api/v1/supplier/profile/draft') return draft.route(req, url)
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/supplier/profile' && req.method === 'GET') return json(200, savedProfile, { ETag: `"${savedProfile.version}"` })
    return anonymous(req, url)
  })
}

describe('Contacts', () => {
  it('says on this page that a phone number is not a UK one, as the server would', async () => {
    serve()
    renderPage(routes, '/profile/contacts')
    const phone = await screen.findByLabelText(/Phone number|Telephone/i, { selector: '#contacts-0-phone' })
    await userEvent.clear(phone)
    await userEvent.type(phone, '020 7946 000')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('link', { name: /Enter a UK telephone number, like 01632 960 001/ })).toHaveAttribute('href', '#contacts-0-phone')
    expect(screen.getByTestId('location')).toHaveTextContent('/profile/contacts')
  })

  it('moves on with a UK number written any usual way', async () => {
    serve()
    renderPage(routes, '/profile/contacts')
    const phone = await screen.findByLabelText(/Phone number|Telephone/i, { selector: '#contacts-0-phone' })
    await userEvent.clear(phone)
    await userEvent.type(phone, '+44 (0)20 7946 0000')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Another page' })).toBeInTheDocument()
  })

  it('keeps the contact on the server before moving on', async () => {
    const seen = serve()
    renderPage(routes, '/profile/contacts')
    await screen.findByRole('heading', { level: 1, name: 'Contact people' })
    const name = document.getElementById('contacts-0-name') as HTMLInputElement
    await userEvent.clear(name)
    await userEvent.type(name, 'Ana Lopes')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    await screen.findByRole('heading', { level: 1, name: 'Another page' })
    const put = seen.find((r) => r.method === 'PUT' && new URL(r.url).pathname === '/api/v1/supplier/profile/draft')!
    const body = await put.json()
    expect(body.sections).toContain('contacts')
    expect(body.answers.contacts[0].name).toBe('Ana Lopes')
  })

  it('stays on the page, saying so, when the answers cannot be kept', async () => {
    serve(true)
    renderPage(routes, '/profile/contacts')
    await screen.findByRole('heading', { level: 1, name: 'Contact people' })
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Your answers could not be saved just now')
    expect(screen.getByTestId('location')).toHaveTextContent('/profile/contacts')
  })
})
