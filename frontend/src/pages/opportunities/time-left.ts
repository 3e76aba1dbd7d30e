// How long is left to bid, counted in London calendar days the way suppliers
// count them: a deadline at noon three days from now is "3 days to bid" all of
// today, and "Closes today" from midnight in London (not in UTC) on its day.
import { formatTime } from '../../format/dates'

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })

/** dayInLondon is the London calendar date of an instant, as YYYY-MM-DD (en-CA writes dates so). */
export function dayInLondon(d: Date): string {
  return londonDay.format(d)
}

/** clock writes an instant's London time of day, in the service's one style: "midday", "5:30pm". */
export const clock = formatTime

/** How long is left: open with whole days left (0 on the last day), or closed. */
export type TimeLeft = { open: true; days: number; text: string } | { open: false; text: string }

/**
 * timeLeft says how long is left before a deadline (an ISO time) at the moment
 * now: "23 days to bid", "1 day to bid", "Closes today at midday" or "Closed".
 * A page left open past the deadline says "Closed" whatever the server said.
 */
export function timeLeft(deadline: string, now: Date = new Date()): TimeLeft {
  const at = new Date(deadline)
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) return { open: false, text: 'Closed' }
  const days = Math.round((Date.parse(`${dayInLondon(at)}T00:00:00Z`) - Date.parse(`${dayInLondon(now)}T00:00:00Z`)) / 86_400_000)
  if (days <= 0) return { open: true, days: 0, text: `Closes today at ${clock(at)}` }
  return { open: true, days, text: days === 1 ? '1 day to bid' : `${days} days to bid` }
}

/** The words and tag colour for an opportunity's state in a list or at the top of its page. */
export interface Standing {
  text: string
  colour: 'turquoise' | 'orange' | 'grey' | 'red' | 'blue'
}

/**
 * standing says where an opportunity stands for a supplier at the moment now:
 * time left while open, otherwise closed, cancelled or planned.
 */
export function standing(
  o: { status: string; submissionDeadline?: { at: string }; expectedQuarterText?: string },
  now: Date = new Date(),
): Standing {
  if (o.status === 'cancelled') return { text: 'Cancelled', colour: 'red' }
  if (o.status === 'planned') {
    return { text: o.expectedQuarterText ? `Expected ${o.expectedQuarterText}` : 'Planned', colour: 'blue' }
  }
  if (o.status === 'closed' || !o.submissionDeadline) return { text: 'Closed', colour: 'grey' }
  const left = timeLeft(o.submissionDeadline.at, now)
  if (!left.open) return { text: 'Closed', colour: 'grey' }
  return { text: left.days === 0 ? 'Closes today' : left.text, colour: left.days <= 7 ? 'orange' : 'turquoise' }
}
