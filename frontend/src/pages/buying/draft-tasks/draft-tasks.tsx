import { useEffect } from 'react'
import { Link, useLocation } from 'react-router'
import { api, call } from '../../../api/client'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { TaskList, type Task } from '../../../components/task-list/task-list'
import { useLoad } from '../../../lib/use-load'
import { draftPath, readyToCheck, taskStatus, tasks } from '../draft'
import { useOpportunity } from '../opportunity-state'
import { fetchFormForEditing, fetchPanel } from '../../bids/api'
import { panelPath } from '../../bids/opening-panel/opening-panel'
import { formPath } from '../../bids/form-editor/form-editor'
import { taskStatuses } from '../../../lib/labels'

/** What other pages may say to the task list through navigation state. */
export interface DraftNotice {
  notice?: string
}

/**
 * DraftTasks is the GOV.UK task list for a draft opportunity: one task per
 * page, then check and publish once every task publishing needs is complete.
 */
export function DraftTasks() {
  const opp = useOpportunity()
  const { view, done, clearConflict } = opp
  const { state } = useLocation()
  const notice = (state as DraftNotice | null)?.notice

  // A conflict is told on the page where it happened; here it is old news.
  useEffect(() => clearConflict(), [clearConflict])

  // A call for competition also needs its DPS and categories, chosen on the DPS pages.
  const dpsCall = view.procedure === 'dps_call'
  const { load: linkLoad } = useLoad(
    async () => {
      if (!dpsCall) return false
      await call(api.GET('/api/v1/opportunities/{id}/dps-call', { params: { path: { id: view.id } } }))
      return true
    },
    [dpsCall, view.id],
  )
  // Not linked yet is the answer until the server says otherwise, and when it cannot.
  const linked = linkLoad.kind === 'ready' && linkLoad.data
  const list: Task[] = tasks.map((t) => ({
    title: t.title,
    to: draftPath(view.id, t.key),
    hint: t.optional ? `${t.hint} (optional)` : t.hint,
    status: taskStatus(t.key, view, done.includes(t.key)),
  }))
  if (dpsCall) {
    list.push({
      title: 'Choose the DPS and categories',
      to: `/dps/calls/${encodeURIComponent(view.id)}`,
      hint: 'Whose members are invited to bid',
      status: linked ? taskStatuses.completed : taskStatuses.notStarted,
    })
  }
  const { load: formLoad } = useLoad((signal) => fetchFormForEditing(view.id, signal), [view.id])
  // The response form is the bids feature's; its pages sit beside this draft's.
  list.push({
    title: 'Response form',
    to: formPath(view.id),
    hint: 'The questions suppliers answer in their bids',
    status: formLoad.kind === 'ready' && formLoad.data.form.questions.length > 0 ? taskStatuses.completed : taskStatuses.notStarted,
  })
  const { load: panelLoad } = useLoad((signal) => fetchPanel(view.id, signal), [view.id])
  list.push({
    title: 'Opening panel',
    to: panelPath(view.id),
    hint: 'The officers who open the bids together after the deadline',
    status: panelLoad.kind === 'ready' && (panelLoad.data.members ?? []).length >= Math.max(2, panelLoad.data.quorum) ? taskStatuses.completed : taskStatuses.notStarted,
  })
  const required = tasks.filter((t) => !t.optional)
  const completeCount = required.filter((t) => taskStatus(t.key, view, done.includes(t.key)).text === taskStatuses.completed.text).length
  const ready = readyToCheck(view, done)
  const publishTask: Task = {
    title: 'Check and publish',
    to: ready ? draftPath(view.id, 'check') : undefined,
    hint: 'Check everything and the council’s rules, then publish',
    status: ready ? taskStatuses.notStarted : taskStatuses.cannotStart,
  }

  return (
    <Page title={`${view.title} – draft opportunity`}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <span className="govuk-caption-l">Draft opportunity {view.reference}</span>
          <h1 className="govuk-heading-l">{view.title}</h1>
          <p className="govuk-body">
            Nobody outside the council can see this opportunity until you publish it. Your changes are saved as you finish each task.
          </p>
          {ready ? (
            <p className="govuk-body">
              <strong>You have completed every task.</strong> Check your answers and publish.
            </p>
          ) : (
            <>
              <h2 className="govuk-heading-s govuk-!-margin-bottom-2">This opportunity is not ready to publish yet</h2>
              <p className="govuk-body">
                You have completed {completeCount} of {required.length} tasks.
              </p>
            </>
          )}
          <h2 className="govuk-heading-m">1. Prepare the opportunity</h2>
          <TaskList tasks={list} idPrefix="prepare" />
          <h2 className="govuk-heading-m">2. Publish</h2>
          <TaskList tasks={[publishTask]} idPrefix="publish" />
          <p className="govuk-body">
            <Link className="govuk-link" to="/buying">
              Back to your opportunities
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
