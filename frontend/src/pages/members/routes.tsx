// The people in a supplier's organisation, and joining one.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Only } from '../../app/require-role'
import { Route } from 'react-router'

const { MembersList, Invite, ChangeRole, RemoveMember, Leave, JoinOrganisation } = lazyPages(() => import('./index'), [
  'MembersList',
  'Invite',
  'ChangeRole',
  'RemoveMember',
  'Leave',
  'JoinOrganisation',
])

/** membersRoutes lists the routes of the area, for AppRoutes to compose. */
export function membersRoutes() {
  return (
    <>
      <Route element={<Only roles={['supplier']} />}>
        <Route path="/members" element={<MembersList />} />
        <Route path="/members/invite" element={<Invite />} />
        <Route path="/members/leave" element={<Leave />} />
        <Route path="/members/:userId/role" element={<ChangeRole />} />
        <Route path="/members/:userId/remove" element={<RemoveMember />} />
      </Route>
      <Route path="/join-organisation" element={<JoinOrganisation />} />
    </>
  )
}
