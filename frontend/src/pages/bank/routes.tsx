// A supplier's bank details and changes to them.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Only } from '../../app/require-role'
import { Route } from 'react-router'

const { BankDetails, ChangeBankDetails, NotUs } = lazyPages(() => import('./index'), [
  'BankDetails',
  'ChangeBankDetails',
  'NotUs',
])

/** bankRoutes lists the routes of the area, for AppRoutes to compose. */
export function bankRoutes() {
  return (
    <>
      <Route element={<Only roles={['supplier']} />}>
        <Route path="/bank-details" element={<BankDetails />} />
        <Route path="/bank-details/change" element={<ChangeBankDetails />} />
        <Route path="/bank-details/not-us" element={<NotUs />} />
      </Route>
    </>
  )
}
