// Account settings: a person's name, email address, password, sessions, and deleting the account.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { Route } from 'react-router'
import { lazyPages } from '../../../app/lazy-page'
import { ALL_ROLES, Only } from '../../../app/require-role'

const { AccountSettings, ChangeName, ChangeEmail, ConfirmEmail, ChangePassword, Sessions, DeleteAccount, AccountDeleted } = lazyPages(() => import('./index'), [
  'AccountSettings',
  'ChangeName',
  'ChangeEmail',
  'ConfirmEmail',
  'ChangePassword',
  'Sessions',
  'DeleteAccount',
  'AccountDeleted',
])

/** settingsRoutes lists the routes of the area, for AppRoutes to compose. */
export function settingsRoutes() {
  return (
    <>
      {/* The link comes by email and may open in a browser that is not signed in: the token is the proof. */}
      <Route path="/account/settings/confirm-email" element={<ConfirmEmail />} />
      {/* Shown once the account is gone, so to someone no longer signed in. */}
      <Route path="/account/settings/deleted" element={<AccountDeleted />} />
      <Route element={<Only roles={ALL_ROLES} />}>
        <Route path="/account/settings" element={<AccountSettings />} />
        <Route path="/account/settings/name" element={<ChangeName />} />
        <Route path="/account/settings/password" element={<ChangePassword />} />
        <Route path="/account/settings/sessions" element={<Sessions />} />
      </Route>
      {/* Someone who mistyped their address at registration never gets its link: they correct it here. */}
      <Route element={<Only roles={ALL_ROLES} allowUnverified />}>
        <Route path="/account/settings/email" element={<ChangeEmail />} />
      </Route>
      <Route element={<Only roles={['supplier']} />}>
        <Route path="/account/settings/delete" element={<DeleteAccount />} />
      </Route>
    </>
  )
}
