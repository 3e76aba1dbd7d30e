import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { ProfileView } from '../../../api/client'
import { profileServer, savedProfile } from '../../../test/profile'
import { renderPage } from '../../../test/render'
import { ProfileLayout } from '../profile-state'
import { Declarations } from './declarations'

const routes = (
  <Route key="p" path="/profile" element={<ProfileLayout />}>
    <Route path="declarations" element={<Declarations />} />
  </Route>
)

describe('Declarations', () => {
  it('offers “does not apply” where the server allows it, and links each charter to what it is', async () => {
    // As the server says for a sole trader with no staff: the London Living Wage does not apply.
    const profile: ProfileView = {
      ...savedProfile,
      declarations: savedProfile.declarations.map((d) => ({ ...d, notApplicableAllowed: d.standard === 'london_living_wage' || d.notApplicableAllowed })),
    }
    profileServer(profile)
    renderPage(routes, '/profile/declarations')
    const llw = (await screen.findByRole('heading', { level: 2, name: 'London Living Wage' })).parentElement as HTMLElement
    expect(within(llw).getByLabelText('This does not apply to us')).toBeInTheDocument()
    expect(within(llw).getByRole('link', { name: 'What the London Living Wage is' })).toHaveAttribute('href', '/glossary#london-living-wage')
  })
})
