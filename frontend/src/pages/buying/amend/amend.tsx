import type { FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, callWithResponse } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { DateInput } from '../../../components/date-input/date-input'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Textarea } from '../../../components/textarea/textarea'
import { TextInput } from '../../../components/text-input/text-input'
import { problemToErrors, type SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { isBlank, londonToUtc, readDate, readDateTime, splitDate, splitLocal, type DateTimeParts } from '../date-time'
import { DateTimeInput } from '../date-time-input'
import { DeadlineWarnings } from '../deadline-warnings'
import { draftPath, fieldOnPage, type AmendInput, type Opportunity } from '../draft'
import { after, etagOf, useOpportunity } from '../opportunity-state'
import type { OverviewNotice } from '../opportunity-overview/opportunity-overview'
import { LIMITS } from '../about-the-work/about-the-work'

const title = 'Amend this opportunity'

/** The answers as typed. */
export interface AmendValues extends Record<string, string> {
  title: string
  summary: string
  description: string
  subDay: string
  subMonth: string
  subYear: string
  subTime: string
  clarDay: string
  clarMonth: string
  clarYear: string
  clarTime: string
  awardDay: string
  awardMonth: string
  awardYear: string
  note: string
}

/** valuesFrom fills the form with the opportunity as published. */
export function valuesFrom(v: Opportunity): AmendValues {
  const sub = splitLocal(v.submissionDeadline?.local)
  const clar = splitLocal(v.clarificationDeadline?.local)
  const award = splitDate(v.expectedAwardOn)
  return {
    title: v.title,
    summary: v.summary,
    description: v.description,
    subDay: sub.day,
    subMonth: sub.month,
    subYear: sub.year,
    subTime: sub.time,
    clarDay: clar.day,
    clarMonth: clar.month,
    clarYear: clar.year,
    clarTime: clar.time,
    awardDay: award.day,
    awardMonth: award.month,
    awardYear: award.year,
    note: '',
  }
}

function parts(v: AmendValues, prefix: 'sub' | 'clar'): DateTimeParts {
  return { day: v[`${prefix}Day`], month: v[`${prefix}Month`], year: v[`${prefix}Year`], time: v[`${prefix}Time`] }
}

/**
 * checkAmendment works out what the buyer changed, and checks it: a note is
 * required, something must change, and deadlines can only move later, with
 * questions still closing before bids. It returns the amendment with only the
 * changed fields, or the summary lines.
 */
export function checkAmendment(v: AmendValues, o: Opportunity): { amendment: AmendInput; errors?: undefined } | { errors: SummaryError[] } {
  const errors: SummaryError[] = []
  const amendment: AmendInput = { note: v.note.trim() }
  for (const field of ['title', 'summary', 'description'] as const) {
    const typed = v[field].trim()
    if (typed === o[field]) continue
    if (field === 'title' && !typed) errors.push({ field, text: 'Enter a title' })
    else if ([...typed].length > LIMITS[field]) errors.push({ field, text: `The ${field} must be ${LIMITS[field].toLocaleString('en-GB')} characters or fewer` })
    else amendment[field] = typed
  }
  const moment = (prefix: 'sub' | 'clar', field: 'submissionDeadline' | 'clarificationDeadline', name: string) => {
    const current = o[field]
    const typed = parts(v, prefix)
    if (isBlank(typed) && !current) return undefined
    const read = readDateTime(typed, name)
    if ('error' in read) {
      errors.push({ field: `${field}-${read.part === 'time' ? 'time' : 'day'}`, text: read.error })
      return undefined
    }
    const at = londonToUtc(read.local)
    if (current && read.local === current.local) return new Date(current.at)
    if (current && at && at < new Date(current.at)) {
      errors.push({ field: `${field}-day`, text: `A deadline can only move later once published: suppliers may already be working to ${current.text}` })
      return undefined
    }
    amendment[field] = read.local
    return at
  }
  const sub = moment('sub', 'submissionDeadline', 'the deadline for bids')
  const clar = moment('clar', 'clarificationDeadline', 'the deadline for clarification questions')
  if (sub && clar && clar >= sub) {
    errors.push({ field: 'clarificationDeadline-day', text: 'The deadline for clarification questions must be before the deadline for bids' })
  }
  const award = readDate({ day: v.awardDay, month: v.awardMonth, year: v.awardYear }, 'the expected award date')
  if ('error' in award) errors.push({ field: 'expectedAwardOn-day', text: award.error })
  else if (award.iso !== o.expectedAwardOn) amendment.expectedAwardOn = award.iso
  if (!amendment.note) errors.push({ field: 'note', text: 'Say what changed and why: suppliers see this note with the change' })
  const changed = Object.keys(amendment).length > 1
  if (!errors.length && !changed) errors.push({ field: 'title', text: 'You have not changed anything. Change a field, or go back to the opportunity' })
  return errors.length ? { errors } : { amendment }
}

/**
 * Amend changes a published opportunity: corrected text, later deadlines or a
 * later award date, with a note that suppliers see beside the earlier values.
 * Once an opportunity has closed the server refuses (409), and the page says so.
 */
export function Amend() {
  const opp = useOpportunity()
  const { view } = opp
  const navigate = useNavigate()
  const form = useForm<AmendValues>(valuesFrom(view))
  const v = form.values

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (view.status !== 'open') {
    const why =
      view.status === 'draft'
        ? 'This opportunity is still a draft: change the draft instead.'
        : view.status === 'cancelled'
          ? 'This opportunity has been cancelled, so it can no longer be amended.'
          : 'This opportunity has closed to bids, so it can no longer be amended.'
    return (
      <Page title="You cannot amend this opportunity">
        <BackLink to={draftPath(view.id)} />
        <h1 className="govuk-heading-l">You cannot amend this opportunity</h1>
        <p className="govuk-body">{why}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={draftPath(view.id)}>
            Go back to the opportunity
          </Link>
        </p>
      </Page>
    )
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const checked = checkAmendment(v, view)
    if (checked.errors) return form.fail(checked.errors)
    let amended: { view: Opportunity; etag: string } | undefined
    const ok = await form.submit(
      async () => {
        const { data, response } = await callWithResponse(
          api.POST('/api/v1/opportunities/{id}/amendments', { params: { path: { id: view.id } }, body: checked.amendment }),
        )
        amended = { view: data, etag: etagOf(response, data) }
      },
      (err) => {
        if (err.status === 409) return { summary: [{ text: err.problem.detail || 'This opportunity can no longer be amended.' }] }
        const mapped = problemToErrors(err.problem)
        const fields = Object.fromEntries(Object.entries(mapped.fields).map(([f, t]) => [fieldOnPage(f), t]))
        return { fields, summary: mapped.summary.map((s) => (s.field ? { ...s, field: fieldOnPage(s.field) } : s)) }
      },
    )
    if (ok && amended) {
      const state: OverviewNotice = { notice: 'Amendment published. Suppliers can see what changed and your note.' }
      const { view: latest, etag } = amended
      after(() => {
        navigate(draftPath(view.id), { state })
        opp.replace(latest, etag)
      })
    }
  }

  const set = (prefix: 'sub' | 'clar' | 'award') => (part: string, value: string) =>
    form.set(`${prefix}${part.charAt(0).toUpperCase()}${part.slice(1)}` as keyof AmendValues, value)
  const errorOf = (id: string) => form.errors[`${id}-day`] ?? form.errors[`${id}-time`]
  const partOf = (id: string) => (form.errors[`${id}-day`] ? 'date' : 'time')

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={draftPath(view.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{view.reference}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Change what needs correcting and say why. Suppliers see each change beside the earlier version, with your note, and those
            following the opportunity are told.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <TextInput id="title" label="Title" labelSize="m" error={form.errors.title} {...form.bind('title')} />
            <Textarea id="summary" label="Summary" labelSize="m" error={form.errors.summary} maxLength={LIMITS.summary} rows={4} value={v.summary} onChange={(e) => form.set('summary', e.target.value)} />
            <Textarea
              id="description"
              label="Full description"
              labelSize="m"
              error={form.errors.description}
              maxLength={LIMITS.description}
              rows={8}
              value={v.description}
              onChange={(e) => form.set('description', e.target.value)}
            />
            <DateTimeInput
              id="submissionDeadline"
              legend="Deadline for bids"
              hint="You can only move it later."
              error={errorOf('submissionDeadline')}
              errorPart={partOf('submissionDeadline')}
              value={parts(v, 'sub')}
              onChange={set('sub')}
            />
            <DateTimeInput
              id="clarificationDeadline"
              legend="Deadline for clarification questions"
              hint="You can only move it later, and it must be before the deadline for bids."
              error={errorOf('clarificationDeadline')}
              errorPart={partOf('clarificationDeadline')}
              value={parts(v, 'clar')}
              onChange={set('clar')}
            />
            <DateInput
              id="expectedAwardOn"
              legend="Expected award date"
              legendSize="m"
              error={form.errors['expectedAwardOn-day']}
              value={{ day: v.awardDay, month: v.awardMonth, year: v.awardYear }}
              onChange={set('award')}
            />
            <Textarea
              id="note"
              label="What changed and why"
              labelSize="m"
              hint="Suppliers see this note with the change. For example, ‘We have moved the deadline by a week because of the bank holiday.’"
              error={form.errors.note}
              maxLength={2000}
              rows={4}
              value={v.note}
              onChange={(e) => form.set('note', e.target.value)}
            />
            <DeadlineWarnings view={view} />
            <Button busy={form.submitting}>Publish amendment</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
