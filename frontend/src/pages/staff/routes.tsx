// The council staff's pages about suppliers and their bank details changes.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Only, BANK_OFFICER_ROLES, OFFICER_ROLES } from '../../app/require-role'
import { Route } from 'react-router'

const { Suppliers, SupplierRecord, BankChanges, RecordCallback, ApproveChange, RefuseChange } = lazyPages(() => import('./index'), [
  'Suppliers',
  'SupplierRecord',
  'BankChanges',
  'RecordCallback',
  'ApproveChange',
  'RefuseChange',
])

/** staffRoutes lists the routes of the area, for AppRoutes to compose. */
export function staffRoutes() {
  return (
    <>
      <Route element={<Only roles={OFFICER_ROLES} />}>
        <Route path="/suppliers" element={<Suppliers />} />
        <Route path="/suppliers/:id" element={<SupplierRecord />} />
      </Route>
      <Route element={<Only roles={BANK_OFFICER_ROLES} />}>
        <Route path="/bank-changes" element={<BankChanges />} />
        <Route path="/bank-changes/:id/callback" element={<RecordCallback />} />
        <Route path="/bank-changes/:id/approve" element={<ApproveChange />} />
        <Route path="/bank-changes/:id/refuse" element={<RefuseChange />} />
      </Route>
    </>
  )
}
