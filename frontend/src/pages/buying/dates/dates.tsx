import { useSite } from '../../../app/site'
import { DateInput } from '../../../components/date-input/date-input'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { londonToUtc, readDate, readDateTime, splitDate, splitLocal, type DateTimeParts, formatMoment } from '../date-time'
import { DateTimeInput } from '../date-time-input'
import { inputFromView, type OpportunityInput } from '../draft'
import { procedureName } from '../labels'
import { minimumPeriod, type Period } from '../rules'
import { TaskPage, useTask } from '../task-page'

const title = 'Dates'

/** The names of the dates, as the messages say them. */
const NAMES = {
  clarificationDeadline: 'the deadline for clarification questions',
  submissionDeadline: 'the deadline for bids',
  expectedAwardOn: 'the expected award date',
}

/** The answers as typed, one string per box. */
export interface DatesValues extends Record<string, string> {
  clarDay: string
  clarMonth: string
  clarYear: string
  clarTime: string
  subDay: string
  subMonth: string
  subYear: string
  subTime: string
  awardDay: string
  awardMonth: string
  awardYear: string
}

function parts(v: DatesValues, prefix: 'clar' | 'sub'): DateTimeParts {
  return { day: v[`${prefix}Day`], month: v[`${prefix}Month`], year: v[`${prefix}Year`], time: v[`${prefix}Time`] }
}

/**
 * checkDates checks the dates as typed at the moment now: each a real date
 * and time, both deadlines in the future, questions closing before bids, and
 * the award on or after the deadline for bids. It returns the three dates as
 * the API takes them, or the summary lines in the order of the page.
 */
export function checkDates(
  v: DatesValues,
  now: Date,
): { errors: SummaryError[]; clarificationDeadline?: string; submissionDeadline?: string; expectedAwardOn?: string } {
  const errors: SummaryError[] = []
  const fail = (id: keyof typeof NAMES, text: string, part: 'day' | 'time' = 'day') => errors.push({ field: `${id}-${part}`, text })
  const clar = readDateTime(parts(v, 'clar'), NAMES.clarificationDeadline)
  const sub = readDateTime(parts(v, 'sub'), NAMES.submissionDeadline)
  const award = readDate({ day: v.awardDay, month: v.awardMonth, year: v.awardYear }, NAMES.expectedAwardOn)
  const clarAt = 'local' in clar ? londonToUtc(clar.local) : undefined
  const subAt = 'local' in sub ? londonToUtc(sub.local) : undefined

  if ('error' in clar) fail('clarificationDeadline', clar.error, clar.part === 'time' ? 'time' : 'day')
  else if (clarAt && clarAt <= now) fail('clarificationDeadline', 'The deadline for clarification questions must be in the future')
  else if (clarAt && subAt && clarAt >= subAt)
    fail('clarificationDeadline', 'The deadline for clarification questions must be before the deadline for bids, so that answers reach every supplier in time')
  if ('error' in sub) fail('submissionDeadline', sub.error, sub.part === 'time' ? 'time' : 'day')
  else if (subAt && subAt <= now) fail('submissionDeadline', 'The deadline for bids must be in the future')
  if ('error' in award) fail('expectedAwardOn', award.error)
  else if ('local' in sub && award.iso < sub.local.slice(0, 10)) fail('expectedAwardOn', 'The expected award date must be after the deadline for bids')

  if (errors.length || !('local' in clar) || !('local' in sub) || !('iso' in award)) return { errors }
  return { errors, clarificationDeadline: clar.local, submissionDeadline: sub.local, expectedAwardOn: award.iso }
}

/** periodText says how long suppliers would get to bid if the opportunity were published now. */
export function periodText(p: Period, procedure: string, earliest: string): string {
  const got = p.days < 1 ? 'less than a day' : `${p.days} day${p.days === 1 ? '' : 's'}`
  const rule = `The council’s minimum for ${procedureName(procedure).replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase())} is ${p.minDays} days.`
  if (!p.short) return `If you publish today, suppliers get ${got} to bid. ${rule}`
  return `If you publish today, suppliers would get only ${got} to bid. ${rule} Choose a deadline at or after ${earliest}, or give a reason when you publish: the reason is shown publicly.`
}

/**
 * Dates asks for the deadline for clarification questions, the deadline for
 * bids (each a date and a time in London) and the expected award date. As the
 * buyer types, it says how long suppliers would get to bid against the
 * council's minimum for the procedure.
 */
export function Dates() {
  const { view, initialErrors } = useTask('dates')
  const { opportunityRules: rules } = useSite()
  const clar = splitLocal(view.clarificationDeadline?.local)
  const sub = splitLocal(view.submissionDeadline?.local)
  const award = splitDate(view.expectedAwardOn)
  const form = useForm<DatesValues>(
    {
      clarDay: clar.day,
      clarMonth: clar.month,
      clarYear: clar.year,
      clarTime: clar.time,
      subDay: sub.day,
      subMonth: sub.month,
      subYear: sub.year,
      subTime: sub.time,
      awardDay: award.day,
      awardMonth: award.month,
      awardYear: award.year,
    },
    {},
    initialErrors,
  )
  const v = form.values

  const typed = readDateTime(parts(v, 'sub'), NAMES.submissionDeadline)
  const now = new Date()
  const period = 'local' in typed ? minimumPeriod(view.procedure, londonToUtc(typed.local), now, rules) : undefined

  const build = (): SummaryError[] | OpportunityInput => {
    const checked = checkDates(v, new Date())
    if (checked.errors.length) return checked.errors
    return {
      ...inputFromView(view),
      clarificationDeadline: checked.clarificationDeadline,
      submissionDeadline: checked.submissionDeadline,
      expectedAwardOn: checked.expectedAwardOn,
    }
  }

  const errorOf = (id: string) => form.errors[`${id}-day`] ?? form.errors[`${id}-time`]
  const partOf = (id: string) => (form.errors[`${id}-day`] ? 'date' : 'time')
  const set = (prefix: 'clar' | 'sub') => (part: keyof DateTimeParts, value: string) =>
    form.set(`${prefix}${part.charAt(0).toUpperCase()}${part.slice(1)}` as keyof DatesValues, value)

  return (
    <TaskPage task="dates" title={title} form={form} build={build}>
      <DateTimeInput
        id="clarificationDeadline"
        legend="Deadline for clarification questions"
        hint="The last moment suppliers can ask questions. It must be before the deadline for bids, so answers reach everyone in time. For example, 15 7 2026 and midday."
        error={errorOf('clarificationDeadline')}
        errorPart={partOf('clarificationDeadline')}
        value={parts(v, 'clar')}
        onChange={set('clar')}
      />
      <DateTimeInput
        id="submissionDeadline"
        legend="Deadline for bids"
        hint="Bids must arrive by this moment. For example, 1 8 2026 and midday."
        error={errorOf('submissionDeadline')}
        errorPart={partOf('submissionDeadline')}
        value={parts(v, 'sub')}
        onChange={set('sub')}
      />
      <div role="status" className="govuk-!-margin-bottom-6">
        {period && (
          <div className={`govuk-inset-text${period.short ? ' govuk-!-font-weight-bold' : ''}`}>
            {periodText(period, view.procedure, formatMoment(period.earliest))}
          </div>
        )}
      </div>
      <DateInput
        id="expectedAwardOn"
        legend="Expected award date"
        legendSize="m"
        hint="When you expect to tell suppliers who has won. For example, 30 9 2026."
        error={form.errors['expectedAwardOn-day']}
        value={{ day: v.awardDay, month: v.awardMonth, year: v.awardYear }}
        onChange={(part, value) => form.set(`award${part.charAt(0).toUpperCase()}${part.slice(1)}` as keyof DatesValues, value)}
      />
    </TaskPage>
  )
}
