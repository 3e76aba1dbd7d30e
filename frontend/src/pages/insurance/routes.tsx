// A supplier's insurance certificates.
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Only } from '../../app/require-role'
import { Route } from 'react-router'

const { InsuranceList, AddCertificate, RemoveCertificate } = lazyPages(() => import('./index'), [
  'InsuranceList',
  'AddCertificate',
  'RemoveCertificate',
])

/** insuranceRoutes lists the routes of the area, for AppRoutes to compose. */
export function insuranceRoutes() {
  return (
    <>
      <Route element={<Only roles={['supplier']} />}>
        <Route path="/insurance" element={<InsuranceList />} />
        <Route path="/insurance/add" element={<AddCertificate />} />
        <Route path="/insurance/:id/remove" element={<RemoveCertificate />} />
      </Route>
    </>
  )
}
