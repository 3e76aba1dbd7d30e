// The buyer's pages: the list of opportunities, a draft's task list and its
// pages, check and publish, and amending or cancelling once published; and
// the planned procurements of the pipeline; and suppliers' questions to answer.
import type { ComponentType } from 'react'
import { Navigate, Route, Routes } from 'react-router'
import { AnswerQuestion } from '../clarifications/answer/answer'
import { Clarify } from '../clarifications/clarify/clarify'
import { LateAnswers } from '../clarifications/late-answers/late-answers'
import { Queue as QuestionQueue } from '../clarifications/queue/queue'
import { FormEditor } from '../bids/form-editor/form-editor'
import { OpeningPanel } from '../bids/opening-panel/opening-panel'
import { QuestionEditor } from '../bids/question-editor/question-editor'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { AboutTheWork } from './about-the-work/about-the-work'
import { Amend } from './amend/amend'
import { AmendDocument } from './amend-document/amend-document'
import { Cancel } from './cancel/cancel'
import { CheckAndPublish } from './check-and-publish/check-and-publish'
import { Dates } from './dates/dates'
import { Documents } from './documents/documents'
import { tasks, type TaskKey } from './draft'
import { DraftTasks } from './draft-tasks/draft-tasks'
import { HowBidsWillBeJudged } from './how-bids-will-be-judged/how-bids-will-be-judged'
import { NewOpportunity } from './new-opportunity/new-opportunity'
import { OpportunityList } from './opportunity-list/opportunity-list'
import { OpportunityOverview } from './opportunity-overview/opportunity-overview'
import { OpportunityLayout, useOpportunity } from './opportunity-state'
import { PlannedProcurement } from './planned-procurement/planned-procurement'
import { Published } from './published/published'
import { ValueAndLength } from './value-and-length/value-and-length'
import { WhatYouAreBuying } from './what-you-are-buying/what-you-are-buying'
import { Where } from './where/where'
import { WhoCanBid } from './who-can-bid/who-can-bid'

const taskPages: Record<TaskKey, ComponentType> = {
  about: AboutTheWork,
  what: WhatYouAreBuying,
  value: ValueAndLength,
  where: Where,
  who: WhoCanBid,
  dates: Dates,
  evaluation: HowBidsWillBeJudged,
  documents: Documents,
}

// A draft opens on its task list; anything published on its overview; a
// planned procurement is changed in the pipeline form.
function OpportunityHome() {
  const { view } = useOpportunity()
  if (view.status === 'draft') return <DraftTasks />
  if (view.status === 'planned') return <Navigate to={`/buying/pipeline/${encodeURIComponent(view.id)}`} replace />
  return <OpportunityOverview />
}

/** BuyingRoutes lays out the pages under /buying. */
export function BuyingRoutes() {
  return (
    <Routes>
      <Route index element={<OpportunityList />} />
      <Route path="new" element={<NewOpportunity />} />
      <Route path="pipeline" element={<PlannedProcurement />} />
      <Route path="pipeline/:id" element={<PlannedProcurement />} />
      <Route path="questions" element={<QuestionQueue />} />
      <Route path="questions/:id" element={<AnswerQuestion />} />
      <Route path=":id" element={<OpportunityLayout />}>
        <Route index element={<OpportunityHome />} />
        {tasks.map((t) => {
          const Task = taskPages[t.key]
          return <Route key={t.key} path={t.slug} element={<Task />} />
        })}
        <Route path="response-form" element={<FormEditor />} />
        <Route path="response-form/:questionId" element={<QuestionEditor />} />
        <Route path="opening-panel" element={<OpeningPanel />} />
        <Route path="check" element={<CheckAndPublish />} />
        <Route path="published" element={<Published />} />
        <Route path="amend" element={<Amend />} />
        <Route path="amend/document" element={<AmendDocument />} />
        <Route path="cancel" element={<Cancel />} />
        <Route path="clarify" element={<Clarify />} />
        <Route path="late-answers" element={<LateAnswers />} />
        <Route path="*" element={<PageNotFound />} />
      </Route>
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}
