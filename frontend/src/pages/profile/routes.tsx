// The supplier's profile, one question a page (ProfileLayout lets only suppliers in).
// The route table is read here at start-up; the pages load with the area's chunk on first use.
import { lazyPages } from '../../app/lazy-page'
import { Route } from 'react-router'

const { ProfileLayout, YourProfile, OrganisationDetails, Address, Size, WhatYouDo, KindsOfWork, Accreditations, Contacts, CheckAnswers, Classification, Declarations } = lazyPages(() => import('./index'), [
  'ProfileLayout',
  'YourProfile',
  'OrganisationDetails',
  'Address',
  'Size',
  'WhatYouDo',
  'KindsOfWork',
  'Accreditations',
  'Contacts',
  'CheckAnswers',
  'Classification',
  'Declarations',
])

/** profileRoutes lists the routes of the area, for AppRoutes to compose. */
export function profileRoutes() {
  return (
    <>
      <Route path="/profile" element={<ProfileLayout />}>
        <Route index element={<YourProfile />} />
        <Route path="organisation-details" element={<OrganisationDetails />} />
        <Route path="address" element={<Address />} />
        <Route path="size" element={<Size />} />
        <Route path="what-you-do" element={<WhatYouDo />} />
        <Route path="kinds-of-work" element={<KindsOfWork />} />
        <Route path="accreditations" element={<Accreditations />} />
        <Route path="contacts" element={<Contacts />} />
        <Route path="check-answers" element={<CheckAnswers />} />
        <Route path="classification" element={<Classification />} />
        <Route path="declarations" element={<Declarations />} />
      </Route>
    </>
  )
}
