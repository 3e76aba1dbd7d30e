// Deadlines are typed as London wall-clock time (a date in three boxes and a
// time) and sent that way ("2026-07-01T12:00"); the server turns them into UTC.
// The browser converts too, only to tell the buyer how long suppliers get.
import { clockWords } from '../../format/dates'

/** A date as typed in the GOV.UK date input: strings, so what was typed survives an error. */
export interface DateParts {
  day: string
  month: string
  year: string
}

/** A date and a time as typed. */
export interface DateTimeParts extends DateParts {
  time: string
}

/** Which part of a date and time an error is about, so the right boxes are highlighted. */
export type ErrorPart = 'date' | 'time' | 'all'

/** What is wrong with a typed date or time, and which part. */
export interface PartError {
  error: string
  part: ErrorPart
}

/**
 * readDate reads a date from its three boxes as YYYY-MM-DD, or says what is
 * wrong with it in the GOV.UK date input's words. name is what the date is,
 * as in "Enter the deadline for bids".
 */
export function readDate(p: DateParts, name: string): { iso: string } | PartError {
  const d = p.day.trim()
  const m = p.month.trim()
  const y = p.year.trim()
  const cap = name.charAt(0).toUpperCase() + name.slice(1)
  if (!d && !m && !y) return { error: `Enter ${name}`, part: 'all' }
  const missing = [!d && 'a day', !m && 'a month', !y && 'a year'].filter(Boolean)
  if (missing.length) return { error: `${cap} must include ${missing.join(' and ')}`, part: 'date' }
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d+$/.test(y)) return { error: `${cap} must be a real date`, part: 'date' }
  if (y.length !== 4) return { error: 'The year must include 4 numbers', part: 'date' }
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)))
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    return { error: `${cap} must be a real date`, part: 'date' }
  }
  return { iso: date.toISOString().slice(0, 10) }
}

/**
 * parseTime reads a time of day as people write it: "17:30", "9.30", "5pm",
 * "5:30 pm", "12pm", "midday". It returns HH:MM on the 24-hour clock, or
 * undefined when it cannot tell.
 */
export function parseTime(text: string): string | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, '')
  if (['midday', 'noon', '12midday', '12noon', '12pmmidday'].includes(t)) return '12:00'
  if (['midnight', '12midnight', '12ammidnight'].includes(t)) return '00:00'
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)?$/.exec(t)
  if (!m) return undefined
  let h = Number(m[1])
  const min = Number(m[2] ?? '0')
  const half = m[3]
  if (!half && m[2] === undefined) return undefined
  if (min > 59) return undefined
  if (half) {
    if (h < 1 || h > 12) return undefined
    if (half === 'am') h = h === 12 ? 0 : h
    else h = h === 12 ? 12 : h + 12
  } else if (h > 23) return undefined
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
}

/** formatClock writes HH:MM as GOV.UK style writes times: "midday", "5:30pm", "9am". */
export const formatClock = clockWords

/**
 * readDateTime reads a date and a time as London wall-clock time,
 * "YYYY-MM-DDTHH:MM", as the API takes it.
 */
export function readDateTime(p: DateTimeParts, name: string): { local: string } | PartError {
  const date = readDate(p, name)
  if ('error' in date) {
    // Nothing typed at all: one message for the whole question.
    return date.part === 'all' && p.time.trim() ? { error: `${name.charAt(0).toUpperCase()}${name.slice(1)} must include a date`, part: 'date' } : date
  }
  if (!p.time.trim()) return { error: `Enter the time of ${name}`, part: 'time' }
  const hhmm = parseTime(p.time)
  if (!hhmm) return { error: `Enter the time of ${name} like midday or 5:30pm`, part: 'time' }
  return { local: `${date.iso}T${hhmm}` }
}

/** isBlank reports whether nothing was typed in any of the boxes. */
export function isBlank(p: Partial<DateTimeParts>): boolean {
  return !p.day?.trim() && !p.month?.trim() && !p.year?.trim() && !p.time?.trim()
}

/** splitDate writes YYYY-MM-DD into the three boxes, without leading zeros, as people type them. */
export function splitDate(iso: string | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '')
  if (!m) return { day: '', month: '', year: '' }
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] }
}

/** splitLocal writes London wall-clock "YYYY-MM-DDTHH:MM" into the boxes and the time field. */
export function splitLocal(local: string | undefined): DateTimeParts {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local ?? '')
  if (!m) return { day: '', month: '', year: '', time: '' }
  return { ...splitDate(m[1]), time: formatClock(m[2]) }
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

// londonOffset is how far London's clock is ahead of UTC at the moment t, in ms.
function londonOffset(t: number): number {
  const p = Object.fromEntries(londonParts.formatToParts(new Date(t)).map((x) => [x.type, x.value]))
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second))
  return wall - Math.floor(t / 1000) * 1000
}

/** londonToUtc turns London wall-clock "YYYY-MM-DDTHH:MM" into the moment it means. */
export function londonToUtc(local: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local)
  if (!m) return undefined
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
  // The offset at the wall time read as UTC is right except within an hour of
  // a change of the clocks; asking again at the first guess settles it.
  const guess = wall - londonOffset(wall)
  return new Date(wall - londonOffset(guess))
}

/** todayInLondon is today's date in London as YYYY-MM-DD. */
export function todayInLondon(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

const longDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })

// Built from its parts, as versions of ICU differ on a comma after the weekday.
function formatLongDate(d: Date): string {
  const p = Object.fromEntries(longDate.formatToParts(d).map((x) => [x.type, x.value]))
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`
}
const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** formatMoment writes a moment as the server does: "midday on Wednesday 1 July 2026", in London time. */
export function formatMoment(d: Date): string {
  return `${formatClock(clock.format(d))} on ${formatLongDate(d)}`
}

/** formatDay writes YYYY-MM-DD in words: "30 September 2026". */
export function formatDay(iso: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '')
  if (!m) return ''
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12))
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(d)
}
