import { useState, type ReactNode } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { BUYER_ROLES } from '../../../app/require-role'
import { useSession } from '../../../app/session'
import { useSite } from '../../../app/site'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { TaskList, type Task } from '../../../components/task-list/task-list'
import { formatDate } from '../../../format/dates'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import '../dps.css'
import { appPath, dpsPath, fetchApplicationWithDps, type ApplicationWithDps, type Notice } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { appStatus, categoryStatus, dueTag, formatDue } from '../labels'
import type { Application, CategoryDecision } from '../types'
import { AnswerList, answered } from './answers'
import { DecideForm } from './decide-form'
import { taskStatuses } from '../../../lib/labels'

/**
 * ApplicationPage is one application. Its supplier sees, while it is a draft,
 * the task list of its questions; once sent, its status, each category's
 * decision with the reasons as feedback, and what they can do next. Buyers
 * see the answers and decide each category, take longer to decide, or
 * suspend and remove members.
 */
export function ApplicationPage() {
  const { id = '' } = useParams()
  const { me } = useSession()
  const { load, set } = useLoad(() => fetchApplicationWithDps(id), [id])
  const buyer = me && BUYER_ROLES.includes(me.role)
  return (
    <LoadGate load={load} refusedTitle="You cannot see this application">
      {(data) => (buyer ? <BuyerView data={data} replace={(app) => set({ ...data, app })} /> : <SupplierView data={data} />)}
    </LoadGate>
  )
}

function useNotice(): string | undefined {
  const { state } = useLocation()
  return (state as Notice | null)?.notice
}

/** draftTasks lists the tasks of an unsent application: its categories, each question, then check and send. */
export function draftTasks(app: Application): { categories: Task[]; questions: Task[]; send: Task } {
  const categories: Task[] = [
    {
      title: 'Categories',
      to: appPath(app.id, 'categories'),
      hint: app.categories.map((c) => c.name).join(', ') || 'Choose at least one',
      status: app.categories.length ? taskStatuses.completed : taskStatuses.notStarted,
    },
  ]
  const questions: Task[] = app.answers.map((a, i) => ({
    title: a.text,
    to: appPath(app.id, `questions/${i + 1}`),
    hint: a.fromProfile ? 'We filled this in from your profile: check it' : undefined,
    status: answered(a) ? taskStatuses.completed : taskStatuses.notStarted,
  }))
  const ready = app.categories.length > 0 && app.answers.every(answered)
  const send: Task = {
    title: 'Check your answers and send',
    to: ready ? appPath(app.id, 'check') : undefined,
    status: ready ? taskStatuses.notStarted : taskStatuses.cannotStart,
  }
  return { categories, questions, send }
}

function DraftView({ app, notice }: { app: Application; notice?: string }) {
  const title = `Apply to join ${app.dpsTitle}`
  const { categories, questions, send } = draftTasks(app)
  const done = questions.filter((q) => q.status.text === taskStatuses.completed.text).length
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <span className="govuk-caption-l">{app.organisationName}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Your answers are saved as you go: you can leave and come back to this page from{' '}
            <Link className="govuk-link" to="/dps-applications">
              your applications
            </Link>
            . Nobody at the council sees them until you send them.
          </p>
          <p className="govuk-body">
            You have answered {done} of {questions.length} question{questions.length === 1 ? '' : 's'}.
          </p>
          <h2 className="govuk-heading-m">1. What you are applying for</h2>
          <TaskList tasks={categories} idPrefix="categories" />
          {questions.length > 0 && (
            <>
              <h2 className="govuk-heading-m">2. Questions</h2>
              <TaskList tasks={questions} idPrefix="questions" />
            </>
          )}
          <h2 className="govuk-heading-m">{questions.length > 0 ? '3' : '2'}. Send your application</h2>
          <TaskList tasks={[send]} idPrefix="send" />
          <p className="govuk-body">
            <Link className="govuk-link" to={appPath(app.id, 'withdraw')}>
              Cancel this application
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}

function decisionValue(c: CategoryDecision, extra?: ReactNode): ReactNode {
  const s = categoryStatus(c.status)
  return (
    <>
      <Tag colour={s.colour}>{s.text}</Tag>
      {c.reason && (
        <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          <span className="app-pre-line">{c.reason}</span>
        </p>
      )}
      {c.decidedAt && <p className="govuk-body-s app-secondary-text govuk-!-margin-top-1 govuk-!-margin-bottom-0">On {formatDate(c.decidedAt)}</p>}
      {extra}
    </>
  )
}

function statusRows(app: Application, buyer: boolean): SummaryRow[] {
  const s = appStatus(app.status)
  const rows: SummaryRow[] = [{ key: 'Status', value: <Tag colour={s.colour}>{s.text}</Tag> }]
  if (app.submittedAt) rows.push({ key: 'Sent', value: formatDate(app.submittedAt) })
  if (app.status === 'submitted' && app.dueAt) {
    const left = app.workingDaysLeft
    const tag = left === undefined ? undefined : dueTag({ overdue: left < 0, dueSoon: left >= 0 && left <= 2, workingDaysLeft: left })
    rows.push({
      key: buyer ? 'Decision due' : 'We will decide by',
      value: (
        <>
          {formatDue(app.dueAt)}
          {buyer && tag && (
            <>
              {' '}
              {tag.colour ? <Tag colour={tag.colour}>{tag.text}</Tag> : <span className="app-secondary-text">({tag.text})</span>}
            </>
          )}
        </>
      ),
    })
  }
  if (app.extended) rows.push({ key: buyer ? 'Why it is taking longer' : 'Why we need longer', value: <span className="app-pre-line">{app.extensionReason}</span> })
  if (app.decidedAt) rows.push({ key: 'Decided', value: formatDate(app.decidedAt) })
  return rows
}

function SupplierView({ data }: { data: ApplicationWithDps }) {
  const { app, dps } = data
  const notice = useNotice()
  if (app.status === 'draft') return <DraftView app={app} notice={notice} />
  const title = `Your application to ${app.dpsTitle}`
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <span className="govuk-caption-l">{app.organisationName}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <SummaryList rows={statusRows(app, false)} />
          {app.status === 'submitted' && (
            <p className="govuk-body">We will tell you by email and in your inbox when we have decided. You can withdraw your application until then.</p>
          )}

          <h2 className="govuk-heading-m">Categories</h2>
          <SummaryList rows={app.categories.map((c) => ({ key: c.name, value: decisionValue(c) }))} />

          <h2 className="govuk-heading-m">What you can do next</h2>
          {app.categories.some((c) => c.status === 'rejected') && <AfterRefusal open={dps.status === 'open'} />}
          <ul className="govuk-list">
            {app.status === 'submitted' && (
              <li>
                <Link className="govuk-link" to={appPath(app.id, 'withdraw')}>
                  Withdraw this application
                </Link>
              </li>
            )}
            {dps.status === 'open' && app.status !== 'submitted' && (
              <li>
                <Link className="govuk-link" to={dpsPath(dps.id, 'apply')}>
                  Apply for more categories
                </Link>
              </li>
            )}
            <li>
              <Link className="govuk-link" to={dpsPath(dps.id)}>
                About {dps.title}
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to="/dps-applications">
                All your applications
              </Link>
            </li>
          </ul>

          <h2 className="govuk-heading-m">Your answers</h2>
          <AnswerList answers={app.answers} />
        </div>
      </div>
    </Page>
  )
}

/** AfterRefusal tells a supplier not admitted to a category how to ask about it and when they may apply again. */
function AfterRefusal({ open }: { open: boolean }) {
  const { procurementEmail } = useSite()
  return (
    <div className="govuk-inset-text" data-testid="after-refusal">
      <p className="govuk-body">The reasons you were not admitted are beside each category above.</p>
      {procurementEmail && (
        <p className="govuk-body">
          To ask about the decision, email{' '}
          <a className="govuk-link" href={`mailto:${procurementEmail}`}>
            {procurementEmail}
          </a>
          .
        </p>
      )}
      <p className="govuk-body">
        {open
          ? 'You can apply again at any time while this list is open, for example once you have what was missing. There is no waiting period.'
          : 'This list is no longer taking applications, so you cannot apply again to it.'}
      </p>
    </div>
  )
}

function MembershipLinks({ app, c }: { app: Application; c: CategoryDecision }) {
  const to = (action: string) => appPath(app.id, `categories/${encodeURIComponent(c.categoryId)}/${action}`)
  const actions = c.status === 'admitted' ? ['suspend', 'remove'] : c.status === 'suspended' ? ['reinstate', 'remove'] : []
  if (!actions.length) return null
  const words: Record<string, string> = { suspend: 'Suspend', remove: 'Remove', reinstate: 'Reinstate' }
  return (
    <ul className="govuk-list govuk-!-margin-top-2 govuk-!-margin-bottom-0">
      {actions.map((a) => (
        <li key={a}>
          <Link className="govuk-link" to={to(a)}>
            {words[a]}
            <span className="govuk-visually-hidden">
              {' '}
              {app.organisationName} {a === 'reinstate' ? 'to' : 'from'} {c.name}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  )
}

function BuyerView({ data, replace }: { data: ApplicationWithDps; replace: (app: Application) => void }) {
  const { app, dps } = data
  const routed = useNotice()
  const [notice, setNotice] = useState(routed)
  const form = useForm({})
  const title = app.organisationName

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (app.status === 'draft') {
    return (
      <Page title={title}>
        <span className="govuk-caption-l">Application to {app.dpsTitle}</span>
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">The supplier has not sent this application yet.</p>
      </Page>
    )
  }

  const canExtend = app.status === 'submitted' && dps.regime === 'pcr2015' && !app.extended
  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {notice && form.summary.length === 0 && <NotificationBanner type="success" heading={notice} />}
          <span className="govuk-caption-l">Application to {app.dpsTitle}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <SummaryList rows={statusRows(app, true)} />
          <ul className="govuk-list">
            {canExtend && (
              <li>
                <Link className="govuk-link" to={appPath(app.id, 'extend')}>
                  Take longer to decide (up to 15 working days)
                </Link>
              </li>
            )}
            <li>
              <Link className="govuk-link" to={`/dps/queue?dpsId=${encodeURIComponent(dps.id)}`}>
                Back to the applications waiting for a decision
              </Link>
            </li>
          </ul>

          <h2 className="govuk-heading-m">Their answers</h2>
          {app.answers.length ? (
            <AnswerList answers={app.answers} fromProfile="From their profile" />
          ) : (
            <p className="govuk-body">This list asks no questions.</p>
          )}

          {app.status === 'submitted' && app.categories.some((c) => c.status !== 'requested') && (
            <>
              <h2 className="govuk-heading-m">Decided so far</h2>
              <SummaryList
                rows={app.categories
                  .filter((c) => c.status !== 'requested')
                  .map((c) => ({ key: c.name, value: decisionValue(c, <MembershipLinks app={app} c={c} />) }))}
              />
            </>
          )}
          {app.status === 'submitted' ? (
            <DecideForm
              // A new set of categories waiting starts a new form.
              key={app.categories.map((c) => c.status).join()}
              app={app}
              form={form}
              decided={(saved) => {
                setNotice(`Decision recorded. We have told ${saved.organisationName}.`)
                replace(saved)
              }}
            />
          ) : (
            <>
              <h2 className="govuk-heading-m">Categories</h2>
              <SummaryList rows={app.categories.map((c) => ({ key: c.name, value: decisionValue(c, <MembershipLinks app={app} c={c} />) }))} />
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
