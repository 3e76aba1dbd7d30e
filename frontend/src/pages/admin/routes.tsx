// The admins' pages about everyone's accounts.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Only, ADMIN_ROLES } from '../../app/require-role'
import { Route } from 'react-router'

const { Accounts, Account, Deactivate, Reactivate, ChangeRole, EndSessions } = lazyPages(() => import('./index'), [
  'Accounts',
  'Account',
  'Deactivate',
  'Reactivate',
  'ChangeRole',
  'EndSessions',
])

/** adminRoutes lists the routes of the area, for AppRoutes to compose. */
export function adminRoutes() {
  return (
    <>
      <Route element={<Only roles={ADMIN_ROLES} />}>
        <Route path="/admin/accounts" element={<Accounts />} />
        <Route path="/admin/accounts/:id" element={<Account />} />
        <Route path="/admin/accounts/:id/deactivate" element={<Deactivate />} />
        <Route path="/admin/accounts/:id/reactivate" element={<Reactivate />} />
        <Route path="/admin/accounts/:id/role" element={<ChangeRole />} />
        <Route path="/admin/accounts/:id/end-sessions" element={<EndSessions />} />
      </Route>
    </>
  )
}
