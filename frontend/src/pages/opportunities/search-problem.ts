// A search the API refuses (422) names the parameter that is wrong, as
// body.cpv from the search's own checks or query.closingWithinDays from the
// schema's. Each is shown against the filter that sets it; what no filter
// sets (a page number typed into the address) is shown against the search box.
import type { Problem } from '../../api/errors'
import type { FieldErrors, SummaryError } from '../../forms/problem'

/** The id of the search box, where problems no filter owns are shown. */
export const SEARCH_BOX_ID = 'q'

// The field that shows each parameter's problem, and what to say when the
// API's own words are technical ("expected value to be one of …").
const FIELDS: Record<string, { field: string; message: string }> = {
  q: { field: 'q', message: 'Search words can only contain letters, numbers, spaces and punctuation, up to 200 characters' },
  cpv: { field: 'cpv', message: 'Enter a CPV code such as 45000000-7' },
  locality: { field: 'locality', message: 'Choose where the work is done from the list' },
  minValuePence: { field: 'value', message: 'Choose a value from the list' },
  maxValuePence: { field: 'value', message: 'Choose a value from the list' },
  procedure: { field: 'procedure', message: 'Choose how to bid from the list' },
  status: { field: 'status', message: 'Choose open, closed or cancelled' },
  closingWithinDays: { field: 'closingWithinDays', message: 'Choose how soon it closes from the list' },
  suitableForSmes: { field: 'suitableForSmes', message: 'Tick the box or leave it empty' },
  suitableForVcses: { field: 'suitableForVcses', message: 'Tick the box or leave it empty' },
}

const OTHER = 'The web address of this search is not right. Change your search and try again'

// Validator words, or a Go error with its package's prefix, are not for people.
const TECHNICAL = /^(expected|unexpected|validation failed|unknown property|required property)|^[a-z][a-z0-9]*: /i

/**
 * searchProblem turns a refused search into the error summary's lines and
 * the message by each field, one per field, in the order the API gave them.
 */
export function searchProblem(problem: Problem): { fields: FieldErrors; summary: SummaryError[] } {
  const fields: FieldErrors = {}
  const summary: SummaryError[] = []
  for (const e of problem.errors ?? []) {
    const param = e.location?.replace(/^(body|query)\./, '') ?? ''
    const known = FIELDS[param]
    const field = known?.field ?? SEARCH_BOX_ID
    if (field in fields) continue
    const text = known ? (e.message && !TECHNICAL.test(e.message) ? e.message : known.message) : OTHER
    fields[field] = text
    summary.push({ field, text })
  }
  if (summary.length === 0) {
    const text = problem.detail && !TECHNICAL.test(problem.detail) ? problem.detail : OTHER
    fields[SEARCH_BOX_ID] = text
    summary.push({ field: SEARCH_BOX_ID, text })
  }
  return { fields, summary }
}
