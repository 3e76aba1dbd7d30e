import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json } from '../../../test/fetch'
import { profileServer, savedProfile } from '../../../test/profile'
import { renderPage } from '../../../test/render'
import { ProfileLayout } from '../profile-state'
import { Address, andList } from './address'

const routes = (
  <Route key="p" path="/profile" element={<ProfileLayout />}>
    <Route path="address" element={<Address />} />
  </Route>
)

describe('Address', () => {
  it('names the councils a split postcode district lies in, to choose between', async () => {
    profileServer(savedProfile, undefined, (_req, url) => {
      if (url.pathname === '/api/v1/postcodes/N19GU')
        return json(200, {
          postcode: 'N1 9GU',
          among: [
            { code: 'E09000019', name: 'Islington', region: 'London' },
            { code: 'E09000012', name: 'Hackney', region: 'London' },
          ],
        })
      if (url.pathname === '/api/v1/local-authorities') return json(200, { items: [{ code: 'E09000019', name: 'Islington', region: 'London' }] })
      return undefined
    })
    renderPage(routes, '/profile/address')
    const postcode = await screen.findByLabelText(/Postcode/)
    await userEvent.clear(postcode)
    await userEvent.type(postcode, 'n1 9gu')
    await userEvent.click(screen.getByRole('button', { name: 'Find local authority from postcode' }))
    expect(await screen.findByText(/N1 9GU is in an area split between/)).toHaveTextContent('N1 9GU is in an area split between Islington and Hackney')
  })

  it('joins names as a sentence does', () => {
    expect(andList(['Islington'])).toBe('Islington')
    expect(andList(['Islington', 'Hackney'])).toBe('Islington and Hackney')
    expect(andList(['City of London', 'Islington', 'Camden'])).toBe('City of London, Islington and Camden')
  })
})
