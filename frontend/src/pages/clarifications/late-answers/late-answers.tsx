import { useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { Radios } from '../../../components/radios/radios'
import { Table } from '../../../components/table/table'
import { Tag } from '../../../components/tag/tag'
import { Textarea } from '../../../components/textarea/textarea'
import { formatDateTime } from '../../../format/dates'
import { problemToErrors, type SummaryError } from '../../../forms/problem'
import { required, useForm, type ProblemHandler } from '../../../forms/use-form'
import { londonToUtc, readDateTime, type DateTimeParts } from '../../buying/date-time'
import { DateTimeInput } from '../../buying/date-time-input'
import { draftPath } from '../../buying/draft'
import { useOpportunity } from '../../buying/opportunity-state'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { queuePath } from '../labels'
import type { LateAnswers as Late } from '../types'

const title = 'Questions not answered in time'

/**
 * LateAnswers is the council's page for an opportunity whose questions were
 * not answered by the time it aimed to (or were answered after it): what is
 * late, what was decided before, and the one-step choice of extending the
 * deadline for bids or not, with a reason everyone sees either way.
 */
export function LateAnswers() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => call(api.GET('/api/v1/opportunities/{id}/late-answers', { params: { path: { id } } })), [id])
  return (
    <LoadGate load={load} refusedTitle="You cannot see this page">
      {(late) => <Decide late={late} />}
    </LoadGate>
  )
}

function LateList({ late }: { late: Late }) {
  if (late.items.length === 0) return <p className="govuk-body">No question on this opportunity is late.</p>
  return (
    <Table
      caption="Late questions"
      captionSize="m"
      firstCellIsHeader
      rowKey={(i) => i.threadRef}
      rows={late.items}
      columns={[
        { header: 'Question', cell: (i) => `${i.subject} (${i.threadRef})` },
        { header: 'Answer by', cell: (i) => formatDateTime(i.answerBy) },
        {
          header: 'What happened',
          cell: (i) => (i.kind === 'unanswered' ? <Tag colour="red">Not answered</Tag> : <>Answered {formatDateTime(i.answeredAt)}</>),
        },
      ]}
    />
  )
}

function Decisions({ late }: { late: Late }) {
  if (late.decisions.length === 0) return null
  return (
    <>
      <h2 className="govuk-heading-m">What you decided before</h2>
      <p className="govuk-body">Everyone sees these on the opportunity’s page.</p>
      <ul className="govuk-list govuk-list--spaced">
        {late.decisions.map((d, i) => (
          <li key={i}>
            <strong>
              {d.decision === 'extended' ? 'Deadline for bids extended' : 'Deadline for bids not extended'}, {d.decidedOnText}.
            </strong>{' '}
            <span className="app-pre-line">{d.reason}</span>
          </li>
        ))}
      </ul>
    </>
  )
}

const empty = { decision: '', subDay: '', subMonth: '', subYear: '', subTime: '', extendReason: '', declineReason: '' }

function Decide({ late: initial }: { late: Late }) {
  const opp = useOpportunity()
  const { view } = opp
  const [decided, setDecided] = useState<{ late: Late; extended: boolean } | undefined>()
  const form = useForm(empty)
  const v = form.values
  const current = initial.submissionDeadline ?? view.submissionDeadline
  const when: DateTimeParts = { day: v.subDay, month: v.subMonth, year: v.subYear, time: v.subTime }

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (decided) return <Decided late={decided.late} extended={decided.extended} opportunityId={view.id} />

  const reasonField = v.decision === 'extend' ? 'extendReason' : 'declineReason'
  // The server names its own fields; the page has a reason under each choice
  // and a date in four boxes.
  const onProblem: ProblemHandler = (err) => {
    if (err.status === 409) return { summary: [{ text: err.problem.detail || 'No answer is late on this opportunity now.' }] }
    const mapped = problemToErrors(err.problem)
    const fix = (f?: string) => (f === 'reason' || f === 'note' ? reasonField : f === 'submissionDeadline' ? 'submissionDeadline-day' : f)
    return {
      fields: Object.fromEntries(Object.entries(mapped.fields).map(([k, m]) => [fix(k)!, m])),
      summary: mapped.summary.map((l) => ({ ...l, field: fix(l.field) })),
    }
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing: SummaryError[] = []
    let local = ''
    if (!v.decision) missing.push({ field: 'decision', text: 'Choose whether to extend the deadline for bids' })
    if (v.decision === 'extend') {
      const read = readDateTime(when, 'the new deadline for bids')
      if ('error' in read) missing.push({ field: `submissionDeadline-${read.part === 'time' ? 'time' : 'day'}`, text: read.error })
      else if (current && (londonToUtc(read.local) ?? 0) <= new Date(current.at))
        missing.push({ field: 'submissionDeadline-day', text: `The new deadline for bids must be later than the deadline now, ${current.text}` })
      else local = read.local
      missing.push(...required(v, { extendReason: 'Say why you are extending the deadline: everyone sees this' }))
    }
    if (v.decision === 'decline') missing.push(...required(v, { declineReason: 'Say why you are not extending the deadline: everyone sees this' }))
    if (missing.length) return form.fail(missing)
    let saved: Late | undefined
    const extend = v.decision === 'extend'
    const ok = await form.submit(async () => {
      saved = await call(
        api.POST('/api/v1/opportunities/{id}/late-answers/decision', {
          params: { path: { id: view.id } },
          body: extend
            ? { decision: 'extend', submissionDeadline: local, reason: v.extendReason.trim() }
            : { decision: 'decline', reason: v.declineReason.trim() },
        }),
      )
    }, onProblem)
    if (!ok || !saved) return
    setDecided({ late: saved, extended: extend })
    // The overview shows the new deadline when the buyer goes back to it.
    if (extend) void opp.reload()
  }

  const set = (part: string, value: string) => form.set(`sub${part.charAt(0).toUpperCase()}${part.slice(1)}` as keyof typeof empty, value)
  const dateError = form.errors['submissionDeadline-day'] ?? form.errors['submissionDeadline-time']

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={queuePath()}>Back to questions to answer</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{view.title}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            The council aims to answer suppliers’ questions some days before the deadline for bids, so that everyone has time to use the
            answers.
          </p>
          <LateList late={initial} />
          <Decisions late={initial} />
          {initial.offered ? (
            <form noValidate onSubmit={onSubmit}>
              <Radios
                id="decision"
                legend={<h2 className="govuk-fieldset__heading">Do you want to extend the deadline for bids?</h2>}
                legendSize="m"
                hint={current ? `The deadline for bids is ${current.text}.` : undefined}
                value={v.decision}
                error={form.errors.decision}
                onChange={(d) => form.set('decision', d)}
                items={[
                  {
                    value: 'extend',
                    label: 'Extend the deadline for bids',
                    hint: 'This is an amendment: everyone working towards a bid is told.',
                    reveal: (
                      <>
                        <DateTimeInput
                          id="submissionDeadline"
                          legend="New deadline for bids"
                          hint="It must be later than the deadline now, and leave suppliers enough time."
                          error={dateError}
                          errorPart={form.errors['submissionDeadline-day'] ? 'date' : 'time'}
                          value={when}
                          onChange={set}
                        />
                        <Textarea
                          id="extendReason"
                          label="Why are you extending it?"
                          hint="Everyone sees this on the opportunity’s page, with the new deadline."
                          error={form.errors.extendReason}
                          maxLength={2000}
                          rows={3}
                          value={v.extendReason}
                          onChange={(e) => form.set('extendReason', e.target.value)}
                        />
                      </>
                    ),
                  },
                  {
                    value: 'decline',
                    label: 'Do not extend',
                    reveal: (
                      <Textarea
                        id="declineReason"
                        label="Why are you not extending it?"
                        hint="Everyone sees this on the opportunity’s page."
                        error={form.errors.declineReason}
                        maxLength={2000}
                        rows={3}
                        value={v.declineReason}
                        onChange={(e) => form.set('declineReason', e.target.value)}
                      />
                    ),
                  },
                ]}
              />
              <Button busy={form.submitting}>Confirm decision</Button>
            </form>
          ) : (
            initial.items.length > 0 && <p className="govuk-body">There is nothing to decide: you have decided since the last answer was late.</p>
          )}
          <p className="govuk-body">
            <Link className="govuk-link" to={draftPath(view.id)}>
              Go to the opportunity
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}

function Decided({ late, extended, opportunityId }: { late: Late; extended: boolean; opportunityId: string }) {
  const heading = extended ? 'Deadline for bids extended' : 'Decision recorded'
  return (
    <Page title={heading} focusHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title={heading}>
            {extended ? `The deadline for bids is now ${late.submissionDeadline?.text ?? ''}` : `The deadline for bids stays ${late.submissionDeadline?.text ?? 'as it is'}`}
          </Panel>
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">
            {extended
              ? 'Everyone sees the new deadline and your reason on the opportunity’s page, and everyone working towards a bid is told.'
              : 'Everyone sees your reason on the opportunity’s page.'}
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={queuePath(opportunityId)}>
              Answer the questions on this opportunity
            </Link>
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={draftPath(opportunityId)}>
              Go to the opportunity
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
