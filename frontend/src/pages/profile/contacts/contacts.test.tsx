import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { savedProfile } from '../../../test/profile'
import { renderPage } from '../../../test/render'
import { ProfileLayout } from '../profile-state'
import { Contacts } from './contacts'

const routes = (
  <Route key="p" path="/profile" element={<ProfileLayout />}>
    <Route path="contacts" element={<Contacts />} />
    <Route path="*" element={<h1>Another page</h1>} />
  </Route>
)

function serve() {
  return mockServer((req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/supplier/profile' && req.method === 'GET') return json(200, savedProfile, { ETag: `"${savedProfile.version}"` })
    return anonymous(req, url)
  })
}

describe('Contacts', () => {
  it('says on this page that a phone number is not a UK one, as the server would', async () => {
    sessionStorage.clear()
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
    sessionStorage.clear()
    serve()
    renderPage(routes, '/profile/contacts')
    const phone = await screen.findByLabelText(/Phone number|Telephone/i, { selector: '#contacts-0-phone' })
    await userEvent.clear(phone)
    await userEvent.type(phone, '+44 (0)20 7946 0000')
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Another page' })).toBeInTheDocument()
  })
})
