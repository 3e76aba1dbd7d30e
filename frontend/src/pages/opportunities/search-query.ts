// The search's state lives in the address, using the API's own parameter
// names (?q=cleaning&procedure=quick_quote), so a search can be bookmarked,
// shared, paged, followed as a feed and gone back to, and the page's query is
// the API's query. The form holds the same state as strings; the value filter
// is one choice of band on screen and two bounds in the address.
import { formatPounds } from '../../format/money'
import { valueBands } from './labels'
import { procedureLabels, searchStatusLabels, workLocalityLabels } from '../../lib/labels'

/** The search's parameters, in the order the address lists them. */
export const PARAM_NAMES = [
  'q',
  'cpv',
  'locality',
  'minValuePence',
  'maxValuePence',
  'procedure',
  'status',
  'closingWithinDays',
  'suitableForSmes',
  'suitableForVcses',
  'sort',
  'page',
] as const

/** The search form's fields as strings, '' for not set. */
export interface SearchValues {
  q: string
  cpv: string
  locality: string
  /** A value band's key, 'custom' for bounds that match no band, or ''. */
  value: string
  /** The bounds as the address gave them, kept for 'custom'. */
  minValuePence: string
  maxValuePence: string
  procedure: string
  status: string
  closingWithinDays: string
  suitableForSmes: string
  suitableForVcses: string
  sort: string
}

/** The filters (everything but the words and the order), each removable on its own. */
export type FilterName = 'cpv' | 'locality' | 'value' | 'procedure' | 'status' | 'closingWithinDays' | 'suitableForSmes' | 'suitableForVcses'

const FILTERS: FilterName[] = ['cpv', 'locality', 'value', 'procedure', 'status', 'closingWithinDays', 'suitableForSmes', 'suitableForVcses']

const pence = (s: string) => (/^\d+$/.test(s) ? Number(s) : NaN)

/** searchValuesFrom reads the form's fields from the address. */
export function searchValuesFrom(params: URLSearchParams): SearchValues {
  const get = (n: string) => params.get(n)?.trim() ?? ''
  const minValuePence = get('minValuePence')
  const maxValuePence = get('maxValuePence')
  let value = ''
  if (minValuePence || maxValuePence) {
    const min = minValuePence ? pence(minValuePence) : 0
    const max = maxValuePence ? pence(maxValuePence) : 0
    value = valueBands.find((b) => b.min === min && b.max === max)?.key ?? 'custom'
  }
  return {
    q: get('q'),
    cpv: get('cpv'),
    locality: get('locality'),
    value,
    minValuePence,
    maxValuePence,
    procedure: get('procedure'),
    status: get('status') === 'open' ? '' : get('status'),
    closingWithinDays: get('closingWithinDays'),
    suitableForSmes: get('suitableForSmes'),
    suitableForVcses: get('suitableForVcses'),
    sort: get('sort'),
  }
}

/** valueBounds gives the address's bounds for the chosen value band. */
function valueBounds(v: SearchValues): { min: string; max: string } {
  if (v.value === 'custom') return { min: v.minValuePence, max: v.maxValuePence }
  const band = valueBands.find((b) => b.key === v.value)
  if (!band) return { min: '', max: '' }
  return { min: band.min ? String(band.min) : '', max: band.max ? String(band.max) : '' }
}

/**
 * searchQuery writes the search as a query string ('' when nothing is set),
 * leaving out what is not set, the default status and order, and page 1.
 * "Most relevant" needs words, so without them the order is left to the API.
 */
export function searchQuery(v: SearchValues, page = 1): string {
  const q = new URLSearchParams()
  const { min, max } = valueBounds(v)
  const all: Record<string, string> = {
    q: v.q.trim(),
    cpv: v.cpv.trim(),
    locality: v.locality,
    minValuePence: min,
    maxValuePence: max,
    procedure: v.procedure,
    status: v.status === 'open' ? '' : v.status,
    closingWithinDays: v.closingWithinDays,
    suitableForSmes: v.suitableForSmes,
    suitableForVcses: v.suitableForVcses,
    sort: v.sort === 'relevance' && !v.q.trim() ? '' : v.sort,
    page: page > 1 ? String(page) : '',
  }
  for (const n of PARAM_NAMES) if (all[n]) q.set(n, all[n])
  const s = q.toString()
  return s ? `?${s}` : ''
}

/**
 * apiQuery passes the address's search parameters to the API as they are,
 * malformed or not, so that the API is the one judge of what is wrong (it
 * answers 422 naming the parameter).
 */
export function apiQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const n of PARAM_NAMES) {
    const v = params.get(n)?.trim()
    if (v) out[n] = v
  }
  return out
}

/** feedHref is the address of an Atom feed of the same search (every page, so without a page number). */
export function feedHref(params: URLSearchParams): string {
  const q = new URLSearchParams(apiQuery(params))
  q.delete('page')
  const s = q.toString()
  return `/api/v1/feeds/opportunities.atom${s ? `?${s}` : ''}`
}

/** anyFilter reports whether any filter (not the words or the order) is set. */
export function anyFilter(v: SearchValues): boolean {
  return FILTERS.some((n) => v[n] !== '')
}

/** clearFiltersHref keeps the words and the order and drops every filter. */
export function clearFiltersHref(v: SearchValues): string {
  const cleared = { ...v, minValuePence: '', maxValuePence: '' }
  for (const n of FILTERS) cleared[n] = ''
  return `/opportunities${searchQuery(cleared)}`
}

/** valueLabel names the value filter in words. */
export function valueLabel(v: SearchValues): string {
  const band = valueBands.find((b) => b.key === v.value)
  if (band) return band.label
  const min = pence(v.minValuePence)
  const max = pence(v.maxValuePence)
  if (min > 0 && max > 0) return `${formatPounds(min)} to ${formatPounds(max)}`
  if (min > 0) return `${formatPounds(min)} or more`
  if (max > 0) return `Up to ${formatPounds(max)}`
  return 'Any value'
}

/** A filter in use, with where to go to remove it. */
export interface SelectedFilter {
  name: FilterName
  /** What the filter is, then its setting: "How to bid: Quick quote". */
  label: string
  removeHref: string
}

/** selectedFilters lists the filters in use, each with the address of the same search without it. */
export function selectedFilters(v: SearchValues): SelectedFilter[] {
  const out: SelectedFilter[] = []
  const add = (name: FilterName, label: string) => {
    const without: SearchValues = { ...v, [name]: '' }
    if (name === 'value') Object.assign(without, { minValuePence: '', maxValuePence: '' })
    out.push({ name, label, removeHref: `/opportunities${searchQuery(without)}` })
  }
  if (v.cpv) add('cpv', `Kind of work: CPV code ${v.cpv}`)
  if (v.locality) add('locality', `Where: ${workLocalityLabels[v.locality] ?? v.locality}`)
  if (v.value) add('value', `Value: ${valueLabel(v)}`)
  if (v.procedure) add('procedure', `How to bid: ${procedureLabels[v.procedure] ?? v.procedure}`)
  if (v.status) add('status', `Status: ${searchStatusLabels[v.status] ?? v.status}`)
  if (v.closingWithinDays) {
    add('closingWithinDays', /^\d+$/.test(v.closingWithinDays) ? `Closing within ${v.closingWithinDays} days` : `Closing within: ${v.closingWithinDays}`)
  }
  if (v.suitableForSmes === 'true') add('suitableForSmes', 'Suitable for small businesses')
  if (v.suitableForSmes === 'false') add('suitableForSmes', 'Not marked suitable for small businesses')
  if (v.suitableForVcses === 'true') add('suitableForVcses', 'Suitable for VCSEs')
  if (v.suitableForVcses === 'false') add('suitableForVcses', 'Not marked suitable for VCSEs')
  return out
}
