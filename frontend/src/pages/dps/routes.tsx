// The DPS pages: anyone can find a list and read about it; suppliers apply and
// follow their applications; buyers set lists up, decide applications and
// make calls for competition under them.
import type { ReactNode } from 'react'
import { Route, Routes } from 'react-router'
import { BUYER_ROLES, RequireRole, type Role } from '../../app/require-role'
import { AskAboutDps } from '../clarifications/ask/ask'
import { Sent } from '../clarifications/sent/sent'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { ApplicationPage } from './application/application'
import { Apply } from './apply/apply'
import { CallPage } from './call/call'
import { CheckAndPublish } from './check-and-publish/check-and-publish'
import { CheckAnswers } from './check-answers/check-answers'
import { ChooseCategories } from './choose-categories/choose-categories'
import { DpsList } from './dps-list/dps-list'
import { DpsPage } from './dps-page/dps-page'
import { EditDps } from './edit-dps/edit-dps'
import { Extend } from './extend/extend'
import { Membership } from './membership/membership'
import { MyApplications } from './my-applications/my-applications'
import { NewDps } from './new-dps/new-dps'
import { Question } from './question/question'
import { Queue } from './queue/queue'
import { Submitted } from './submitted/submitted'
import { Withdraw } from './withdraw/withdraw'

const SUPPLIER: Role[] = ['supplier']
// An application is its supplier's and the buyers' to see; the API decides which.
const SUPPLIER_OR_BUYER: Role[] = ['supplier', ...BUYER_ROLES]

function only(roles: Role[], page: ReactNode) {
  return <RequireRole roles={roles}>{page}</RequireRole>
}

/** DpsRoutes lays out the pages under /dps. */
export function DpsRoutes() {
  return (
    <Routes>
      <Route index element={<DpsList />} />
      <Route path="new" element={only(BUYER_ROLES, <NewDps />)} />
      <Route path="queue" element={only(BUYER_ROLES, <Queue />)} />
      <Route path="calls/:opportunityId" element={only(BUYER_ROLES, <CallPage />)} />
      <Route path=":id" element={<DpsPage />} />
      <Route path=":id/apply" element={only(SUPPLIER, <Apply />)} />
      <Route path=":id/ask" element={only(SUPPLIER, <AskAboutDps />)} />
      <Route path=":id/ask/sent" element={only(SUPPLIER, <Sent />)} />
      <Route path=":id/edit" element={only(BUYER_ROLES, <EditDps />)} />
      <Route path=":id/publish" element={only(BUYER_ROLES, <CheckAndPublish />)} />
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}

/** DpsApplicationRoutes lays out the pages under /dps-applications. */
export function DpsApplicationRoutes() {
  return (
    <Routes>
      <Route index element={only(SUPPLIER, <MyApplications />)} />
      <Route path=":id" element={only(SUPPLIER_OR_BUYER, <ApplicationPage />)} />
      <Route path=":id/categories" element={only(SUPPLIER, <ChooseCategories />)} />
      <Route path=":id/questions/:n" element={only(SUPPLIER, <Question />)} />
      <Route path=":id/check" element={only(SUPPLIER, <CheckAnswers />)} />
      <Route path=":id/submitted" element={only(SUPPLIER, <Submitted />)} />
      <Route path=":id/withdraw" element={only(SUPPLIER, <Withdraw />)} />
      <Route path=":id/extend" element={only(BUYER_ROLES, <Extend />)} />
      <Route path=":id/categories/:categoryId/:action" element={only(BUYER_ROLES, <Membership />)} />
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}
