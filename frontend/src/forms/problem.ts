// Turns the server's problem+json answers into what the GOV.UK error pattern
// needs: a message per field (shown by the field) and an ordered list for the
// error summary, each linking to its field's id.
import type { Problem } from '../api/errors'

/** FieldErrors maps a field id to the message shown with that field. */
export type FieldErrors = Record<string, string>

/** A line of the error summary: the message and the id of the field it links to. */
export interface SummaryError {
  text: string
  /** The field's id without '#', or undefined for a problem with no field. */
  field?: string
  /** Another page to link to instead, when the field is not on this page. */
  to?: string
}

/**
 * fieldIdFor maps a problem location to the id of the field that shows it:
 * `body.email` → `email`, `body.address.postcode` → `address-postcode`.
 * Locations outside the body (path, query, header) have no field.
 */
export function fieldIdFor(location: string | undefined): string | undefined {
  if (!location?.startsWith('body.')) return undefined
  return location.slice('body.'.length).replace(/[.[\]]+/g, '-').replace(/-$/, '')
}

// huma's own schema checks answer in validator terms ("expected length >= 12");
// such messages are replaced by the page's plain-English one for that field.
// So is a Go error that escaped with its package's prefix ("refdata: invalid postcode").
const TECHNICAL = /^(expected|unexpected|validation failed|unknown property|required property)|^[a-z][a-z0-9]*: /i

/** Options for problemToErrors. */
export interface ProblemMessages {
  /** Plain-English message per field id, used when the server's is technical or missing. */
  fields?: Record<string, string>
  /** Message when the problem names no field (defaults to the problem's detail or title). */
  general?: string
}

/**
 * problemToErrors maps a problem to field errors and the summary lines, keeping
 * the server's order, one line per field. A problem without field errors gives
 * one summary line from its detail (or title) and no field errors.
 */
export function problemToErrors(
  problem: Problem,
  messages: ProblemMessages = {},
): { fields: FieldErrors; summary: SummaryError[] } {
  const fields: FieldErrors = {}
  const summary: SummaryError[] = []
  for (const e of problem.errors ?? []) {
    const field = fieldIdFor(e.location)
    const friendly = field ? messages.fields?.[field] : undefined
    const text = (e.message && !TECHNICAL.test(e.message) ? e.message : friendly) ?? e.message ?? ''
    if (!text) continue
    if (field) {
      if (field in fields) continue
      fields[field] = text
    }
    summary.push({ text, field })
  }
  if (summary.length === 0) {
    const text = messages.general ?? problem.detail ?? problem.title ?? 'Something went wrong. Check your answers and try again.'
    summary.push({ text })
  }
  return { fields, summary }
}

/**
 * linkProblem returns what is wrong with the token of an emailed link (the
 * server reports it as a problem with `body.token`), or undefined when the
 * problem is about something else.
 */
export function linkProblem(problem: Problem): string | undefined {
  const e = problem.errors?.find((d) => d.location === 'body.token')
  return e ? (e.message ?? problem.detail ?? '') : undefined
}
