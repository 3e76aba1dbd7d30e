import { screen } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { ProfileView } from '../../../api/client'
import { profileDraftServer, profileServer, savedProfile } from '../../../test/profile'
import { renderPage } from '../../../test/render'
import { answersFromDraft, draftFromView } from '../draft'
import { ProfileLayout } from '../profile-state'
import { YourProfile } from './your-profile'

const routes = (
  <Route key="p" path="/profile" element={<ProfileLayout />}>
    <Route index element={<YourProfile />} />
  </Route>
)

describe('YourProfile', () => {
  it('shows changes made on another device, and says they are to be saved rather than “not complete” with every section done', async () => {
    // Every section and the declarations done: all that is left is to save the change.
    const profile: ProfileView = { ...savedProfile, declarations: savedProfile.declarations.map((d) => ({ ...d, answer: 'yes' })), missing: [] }
    const draft = profileDraftServer()
    // Made on a laptop: a new turnover, every page continued from.
    draft.state.draft = {
      baseVersion: savedProfile.version,
      sections: ['organisation-details', 'address', 'size', 'what-you-do', 'kinds-of-work', 'accreditations', 'contacts'],
      answers: answersFromDraft({ ...draftFromView(savedProfile), turnover: '250,000' }),
    }
    profileServer(profile, draft)
    renderPage(routes, '/profile')
    expect(await screen.findByRole('heading', { level: 2, name: 'Your profile is not saved yet' })).toBeInTheDocument()
    expect(screen.getByText('You have answered every section. Check and save your profile to finish.')).toBeInTheDocument()
    expect(screen.getByText(/You have changes that are not saved yet/)).toBeInTheDocument()
    expect(screen.queryByText(/not complete yet/)).not.toBeInTheDocument()
  })
})
