// Every route of the portal in one place. The start page is in the first
// bundle; other areas load on first use, each as one chunk, to keep the first
// page small.
import { lazy, Suspense, type ComponentType } from 'react'
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router'
import { PageLayout } from '../components/page-layout/page-layout'
import { PageNotFound } from '../pages/errors/page-not-found/page-not-found'
import { Start } from '../pages/static/start/start'
import { ErrorBoundary } from './error-boundary'
import { ADMIN_ROLES, ALL_ROLES, BANK_OFFICER_ROLES, BUYER_ROLES, OFFICER_ROLES, RequireRole, type Role } from './require-role'

type Area = Record<string, unknown>

// page picks one page out of an area's chunk.
function page<M extends Area>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }))
}

const staticArea = () => import('../pages/static')
const registerArea = () => import('../pages/register')
const accountArea = () => import('../pages/account')
const profileArea = () => import('../pages/profile')
const membersArea = () => import('../pages/members')
const bankArea = () => import('../pages/bank')
const insuranceArea = () => import('../pages/insurance')
const staffArea = () => import('../pages/staff')
const adminArea = () => import('../pages/admin')
const opportunitiesArea = () => import('../pages/opportunities')
const buyingArea = () => import('../pages/buying')
const notificationsArea = () => import('../pages/notifications')
const dpsArea = () => import('../pages/dps')
const twoStepArea = () => import('../pages/two-step')
const clarificationsArea = () => import('../pages/clarifications')

const AccessibilityStatement = page(staticArea, 'AccessibilityStatement')
const PrivacyNotice = page(staticArea, 'PrivacyNotice')
const Cookies = page(staticArea, 'Cookies')
const Glossary = page(staticArea, 'Glossary')

const RegistrationLayout = page(registerArea, 'RegistrationLayout')
const OrganisationName = page(registerArea, 'OrganisationName')
const LegalForm = page(registerArea, 'LegalForm')
const YourName = page(registerArea, 'YourName')
const Email = page(registerArea, 'Email')
const Password = page(registerArea, 'Password')
const CheckAnswers = page(registerArea, 'CheckAnswers')
const CheckYourEmail = page(registerArea, 'CheckYourEmail')

const SignIn = page(accountArea, 'SignIn')
const ForgotPassword = page(accountArea, 'ForgotPassword')
const ResetLinkSent = page(accountArea, 'ResetLinkSent')
const ResetPassword = page(accountArea, 'ResetPassword')
const VerifyEmail = page(accountArea, 'VerifyEmail')
const YourAccount = page(accountArea, 'YourAccount')
const SignOut = page(accountArea, 'SignOut')
const AcceptInvitation = page(accountArea, 'AcceptInvitation')

const EnterCode = page(twoStepArea, 'EnterCode')
const RecoveryCode = page(twoStepArea, 'RecoveryCode')
const SetUpAtSignIn = page(twoStepArea, 'SetUpAtSignIn')
const SetUpTwoStep = page(twoStepArea, 'SetUpTwoStep')
const RecoveryCodes = page(twoStepArea, 'RecoveryCodes')
const TwoStepVerification = page(twoStepArea, 'TwoStepVerification')
const TurnOffTwoStep = page(twoStepArea, 'TurnOff')
const NewRecoveryCodes = page(twoStepArea, 'NewRecoveryCodes')
const TwoStepPolicy = page(twoStepArea, 'Policy')
const ResetTwoStep = page(twoStepArea, 'Reset')

const ProfileLayout = page(profileArea, 'ProfileLayout')
const YourProfile = page(profileArea, 'YourProfile')
const OrganisationDetails = page(profileArea, 'OrganisationDetails')
const Address = page(profileArea, 'Address')
const Size = page(profileArea, 'Size')
const WhatYouDo = page(profileArea, 'WhatYouDo')
const KindsOfWork = page(profileArea, 'KindsOfWork')
const Accreditations = page(profileArea, 'Accreditations')
const Contacts = page(profileArea, 'Contacts')
const ProfileCheckAnswers = page(profileArea, 'CheckAnswers')
const Classification = page(profileArea, 'Classification')
const Declarations = page(profileArea, 'Declarations')

const MembersList = page(membersArea, 'MembersList')
const Invite = page(membersArea, 'Invite')
const ChangeRole = page(membersArea, 'ChangeRole')
const RemoveMember = page(membersArea, 'RemoveMember')
const Leave = page(membersArea, 'Leave')
const JoinOrganisation = page(membersArea, 'JoinOrganisation')

const BankDetails = page(bankArea, 'BankDetails')
const ChangeBankDetails = page(bankArea, 'ChangeBankDetails')
const NotUs = page(bankArea, 'NotUs')

const InsuranceList = page(insuranceArea, 'InsuranceList')
const AddCertificate = page(insuranceArea, 'AddCertificate')
const RemoveCertificate = page(insuranceArea, 'RemoveCertificate')

const Suppliers = page(staffArea, 'Suppliers')
const SupplierRecord = page(staffArea, 'SupplierRecord')
const BankChanges = page(staffArea, 'BankChanges')
const RecordCallback = page(staffArea, 'RecordCallback')
const ApproveChange = page(staffArea, 'ApproveChange')
const RefuseChange = page(staffArea, 'RefuseChange')

const AdminAccounts = page(adminArea, 'Accounts')
const AdminAccount = page(adminArea, 'Account')
const DeactivateAccount = page(adminArea, 'Deactivate')
const ReactivateAccount = page(adminArea, 'Reactivate')
const ChangeAccountRole = page(adminArea, 'ChangeRole')
const EndAccountSessions = page(adminArea, 'EndSessions')

// Areas with many pages route inside their own chunk.
const OpportunitiesRoutes = page(opportunitiesArea, 'OpportunitiesRoutes')
const BuyingRoutes = page(buyingArea, 'BuyingRoutes')
const AlertsRoutes = page(notificationsArea, 'AlertsRoutes')
const InboxRoutes = page(notificationsArea, 'InboxRoutes')
const UnsubscribeRoutes = page(notificationsArea, 'UnsubscribeRoutes')
const DpsRoutes = page(dpsArea, 'DpsRoutes')
const DpsApplicationRoutes = page(dpsArea, 'DpsApplicationRoutes')
const SupplierQuestionsRoutes = page(clarificationsArea, 'SupplierQuestionsRoutes')

// Only lets people in the roles see the pages under it.
function Only({ roles }: { roles: Role[] }) {
  return (
    <RequireRole roles={roles}>
      <Outlet />
    </RequireRole>
  )
}

/** AppRoutes lays out every page of the portal inside the GOV.UK page template. */
export function AppRoutes() {
  const { pathname } = useLocation()
  return (
    <PageLayout>
      <ErrorBoundary resetKey={pathname}>
        <Suspense fallback={null}>
          <Routes>
            <Route path="/" element={<Start />} />
            <Route path="/accessibility" element={<AccessibilityStatement />} />
            <Route path="/privacy" element={<PrivacyNotice />} />
            <Route path="/cookies" element={<Cookies />} />
            <Route path="/glossary" element={<Glossary />} />

            <Route path="/register" element={<RegistrationLayout />}>
              <Route index element={<Navigate to="organisation-name" replace />} />
              <Route path="organisation-name" element={<OrganisationName />} />
              <Route path="legal-form" element={<LegalForm />} />
              <Route path="your-name" element={<YourName />} />
              <Route path="email" element={<Email />} />
              <Route path="password" element={<Password />} />
              <Route path="check-answers" element={<CheckAnswers />} />
              <Route path="check-your-email" element={<CheckYourEmail />} />
            </Route>

            <Route path="/verify-email" element={<VerifyEmail />} />
            <Route path="/sign-in" element={<SignIn />} />
            <Route path="/forgot-password" element={<ForgotPassword />} />
            <Route path="/forgot-password/check-your-email" element={<ResetLinkSent />} />
            <Route path="/reset-password" element={<ResetPassword />} />
            <Route path="/account" element={<YourAccount />} />
            <Route path="/sign-out" element={<SignOut />} />
            <Route path="/accept-invitation" element={<AcceptInvitation />} />
            <Route path="/sign-in/two-step" element={<EnterCode />} />
            <Route path="/sign-in/recovery-code" element={<RecoveryCode />} />
            <Route path="/sign-in/set-up-two-step" element={<SetUpAtSignIn />} />
            <Route path="/account/two-step-verification/recovery-codes" element={<RecoveryCodes />} />
            <Route element={<Only roles={ALL_ROLES} />}>
              <Route path="/account/two-step-verification" element={<TwoStepVerification />} />
              <Route path="/account/two-step-verification/set-up" element={<SetUpTwoStep />} />
              <Route path="/account/two-step-verification/turn-off" element={<TurnOffTwoStep />} />
              <Route path="/account/two-step-verification/new-recovery-codes" element={<NewRecoveryCodes />} />
            </Route>
            <Route element={<Only roles={['admin']} />}>
              <Route path="/admin/two-step-verification" element={<TwoStepPolicy />} />
              <Route path="/admin/two-step-verification/reset" element={<ResetTwoStep />} />
            </Route>

            <Route path="/profile" element={<ProfileLayout />}>
              <Route index element={<YourProfile />} />
              <Route path="organisation-details" element={<OrganisationDetails />} />
              <Route path="address" element={<Address />} />
              <Route path="size" element={<Size />} />
              <Route path="what-you-do" element={<WhatYouDo />} />
              <Route path="kinds-of-work" element={<KindsOfWork />} />
              <Route path="accreditations" element={<Accreditations />} />
              <Route path="contacts" element={<Contacts />} />
              <Route path="check-answers" element={<ProfileCheckAnswers />} />
              <Route path="classification" element={<Classification />} />
              <Route path="declarations" element={<Declarations />} />
            </Route>

            <Route element={<Only roles={['supplier']} />}>
              <Route path="/members" element={<MembersList />} />
              <Route path="/members/invite" element={<Invite />} />
              <Route path="/members/leave" element={<Leave />} />
              <Route path="/members/:userId/role" element={<ChangeRole />} />
              <Route path="/members/:userId/remove" element={<RemoveMember />} />
              <Route path="/bank-details" element={<BankDetails />} />
              <Route path="/bank-details/change" element={<ChangeBankDetails />} />
              <Route path="/bank-details/not-us" element={<NotUs />} />
              <Route path="/insurance" element={<InsuranceList />} />
              <Route path="/insurance/add" element={<AddCertificate />} />
              <Route path="/insurance/:id/remove" element={<RemoveCertificate />} />
            </Route>
            <Route path="/join-organisation" element={<JoinOrganisation />} />

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
            <Route element={<Only roles={ADMIN_ROLES} />}>
              <Route path="/admin/accounts" element={<AdminAccounts />} />
              <Route path="/admin/accounts/:id" element={<AdminAccount />} />
              <Route path="/admin/accounts/:id/deactivate" element={<DeactivateAccount />} />
              <Route path="/admin/accounts/:id/reactivate" element={<ReactivateAccount />} />
              <Route path="/admin/accounts/:id/role" element={<ChangeAccountRole />} />
              <Route path="/admin/accounts/:id/end-sessions" element={<EndAccountSessions />} />
            </Route>
            <Route path="/opportunities/*" element={<OpportunitiesRoutes />} />
            <Route path="/unsubscribe/*" element={<UnsubscribeRoutes />} />
            <Route path="/dps/*" element={<DpsRoutes />} />
            <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />
            <Route element={<Only roles={['supplier']} />}>
              <Route path="/alerts/*" element={<AlertsRoutes />} />
              <Route path="/inbox/*" element={<InboxRoutes />} />
              <Route path="/supplier/questions/*" element={<SupplierQuestionsRoutes />} />
            </Route>
            <Route element={<Only roles={BUYER_ROLES} />}>
              <Route path="/buying/*" element={<BuyingRoutes />} />
            </Route>
            <Route path="*" element={<PageNotFound />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </PageLayout>
  )
}
