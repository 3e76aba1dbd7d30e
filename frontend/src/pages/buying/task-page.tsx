// What every task page of a draft shares: the back link, the error summary
// (with the errors the server found when publishing, and a save refused
// because someone else saved first), the draft's title as a caption, the
// page's fields, and "Save and continue", which saves the whole draft with
// If-Match and goes back to the task list (or to check and publish).
import type { FormEvent, ReactNode } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import type { Problem } from '../../api/errors'
import { BackLink } from '../../components/back-link/back-link'
import { Button } from '../../components/button/button'
import { ErrorSummary } from '../../components/error-summary/error-summary'
import { Page } from '../../components/page/page'
import { problemToErrors, type FieldErrors, type ProblemMessages, type SummaryError } from '../../forms/problem'
import type { Form } from '../../forms/use-form'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import { draftPath, fieldOnPage, taskDef, taskOfField, type OpportunityInput, type TaskDef, type TaskKey } from './draft'
import { after, CONFLICT_MESSAGE, saveDraft, useOpportunity, type OpportunityState } from './opportunity-state'

/** onTask reports whether a field id is on the task's page. */
export function onTask(def: TaskDef, id: string): boolean {
  return def.fields.some((f) => id === f || id.startsWith(`${f}-`))
}

/**
 * mapProblem turns the server's problem into errors for a page: a field on the
 * page (onPage) is shown there; a field on a task's page is a summary line
 * linking to that page; anything else is a line without a link.
 */
export function mapProblem(
  problem: Problem,
  id: string,
  onPage: (field: string) => boolean,
  messages: ProblemMessages = {},
): { fields: FieldErrors; summary: SummaryError[]; elsewhere: FieldErrors } {
  const mapped = problemToErrors(problem, messages)
  const fields: FieldErrors = {}
  const elsewhere: FieldErrors = {}
  const summary: SummaryError[] = mapped.summary.map((line) => {
    if (!line.field) return line
    const field = fieldOnPage(line.field)
    if (onPage(field)) {
      fields[field] ??= line.text
      return { text: line.text, field }
    }
    const task = taskOfField(field)
    if (!task) return { text: line.text }
    elsewhere[field] ??= line.text
    return { text: line.text, to: draftPath(id, task.key) }
  })
  return { fields, summary, elsewhere }
}

/** serverErrorsFor lists the errors the server found in a task's fields, for its page's error summary. */
export function serverErrorsFor(opp: Pick<OpportunityState, 'serverErrors' | 'conflict'>, def: TaskDef): SummaryError[] {
  const lines: SummaryError[] = opp.conflict ? [{ text: CONFLICT_MESSAGE }] : []
  for (const [field, text] of Object.entries(opp.serverErrors)) if (onTask(def, field)) lines.push({ field, text })
  return lines
}

/**
 * useTask gives a task page what it needs: the opportunity, the errors to show
 * from the start, and whether it was reached from check and publish.
 */
export function useTask(key: TaskKey) {
  const opp = useOpportunity()
  const [params] = useSearchParams()
  const def = taskDef(key)
  return { opp, view: opp.view, def, fromCheck: params.has('change'), initialErrors: serverErrorsFor(opp, def) }
}

/** Props for TaskPage. */
export interface TaskPageProps {
  task: TaskKey
  /** The page's heading and title. */
  title: string
  form: Pick<Form<Record<string, string>>, 'summary' | 'attempt' | 'fail' | 'submit' | 'submitting' | 'serviceDown' | 'retry'>
  /** Checks the answers: the errors, or the whole draft to save. */
  build: () => SummaryError[] | OpportunityInput
  /** Plain-English messages for fields whose server message is a validator's. */
  messages?: ProblemMessages
  /** Puts the heading inside the first field's label or legend instead of above the form. */
  headingInField?: boolean
  intro?: ReactNode
  children: ReactNode
}

/** TaskPage is one task page of a draft opportunity. */
export function TaskPage({ task, title, form, build, messages, headingInField, intro, children }: TaskPageProps) {
  const opp = useOpportunity()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const def = taskDef(task)
  const { view } = opp
  const next = params.has('change') ? draftPath(view.id, 'check') : draftPath(view.id)

  if (view.status !== 'draft') return <Navigate to={draftPath(view.id)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const input = build()
    if (Array.isArray(input)) {
      form.fail(input)
      return
    }
    let saved: Awaited<ReturnType<typeof saveDraft>> | undefined
    const ok = await form.submit(
      async () => {
        saved = await saveDraft(view.id, opp.etag, input)
      },
      (err) => {
        if (err.status === 412) {
          void opp.conflicted()
          return { summary: [{ text: CONFLICT_MESSAGE }] }
        }
        const { fields, summary } = mapProblem(err.problem, view.id, (f) => onTask(def, f), messages)
        return { fields, summary }
      },
    )
    if (ok && saved) {
      opp.markDone(task, def.fields)
      after(() => {
        navigate(next)
        opp.replace(saved!.view, saved!.etag)
      })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={next} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {!headingInField && (
            <>
              <span className="govuk-caption-l">{view.title}</span>
              <h1 className="govuk-heading-l">{title}</h1>
            </>
          )}
          {intro}
          <form noValidate onSubmit={onSubmit}>
            {children}
            <Button busy={form.submitting}>Save and continue</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
