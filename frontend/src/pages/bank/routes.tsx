// A supplier's bank details and changes to them.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Only } from '../../app/require-role'
import { Route } from 'react-router'

const { BankDetails, BankEntry, ChangeBankDetails, CheckBankDetails, NotUs } = lazyPages(() => import('./index'), [
  'BankDetails',
  'BankEntry',
  'ChangeBankDetails',
  'CheckBankDetails',
  'NotUs',
])

/** bankRoutes lists the routes of the area, for AppRoutes to compose. */
export function bankRoutes() {
  return (
    <>
      <Route element={<Only roles={['supplier']} />}>
        <Route path="/bank-details" element={<BankDetails />} />
        {/* The details being entered are kept between these two pages, in memory only. */}
        <Route element={<BankEntry />}>
          <Route path="/bank-details/change" element={<ChangeBankDetails />} />
          <Route path="/bank-details/check" element={<CheckBankDetails />} />
        </Route>
        <Route path="/bank-details/not-us" element={<NotUs />} />
      </Route>
    </>
  )
}
