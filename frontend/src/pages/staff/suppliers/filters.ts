// The supplier list's filters live in the address (?size=micro&vcse=true), so a
// filtered list can be bookmarked, shared, paged and exported as it is.
import type { SupplierFilters } from '../../../api/client'

/** The filters, by their query parameter names, as the form holds them. */
export const FILTER_NAMES = ['q', 'size', 'sme', 'vcse', 'locality', 'cpv', 'declaration', 'accreditation'] as const

/** A filter's name. */
export type FilterName = (typeof FILTER_NAMES)[number]

/** The filters as strings, '' for not filtering. */
export type FilterValues = Record<FilterName, string>

/** filtersFrom reads the filters from the address. */
export function filtersFrom(params: URLSearchParams): FilterValues {
  return Object.fromEntries(FILTER_NAMES.map((n) => [n, params.get(n) ?? ''])) as FilterValues
}

/** filterQuery writes the filters (and a page) as a query string, leaving out those not set. */
export function filterQuery(f: FilterValues, page = 1): string {
  const q = new URLSearchParams()
  for (const n of FILTER_NAMES) if (f[n].trim()) q.set(n, f[n].trim())
  if (page > 1) q.set('page', String(page))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** apiFilters turns the filters into the list operation's query parameters. */
export function apiFilters(f: FilterValues): SupplierFilters {
  const out: Record<string, string> = {}
  for (const n of FILTER_NAMES) if (f[n].trim()) out[n] = f[n].trim()
  return out as SupplierFilters
}

/** anyFilter reports whether any filter is set. */
export function anyFilter(f: FilterValues): boolean {
  return FILTER_NAMES.some((n) => f[n].trim() !== '')
}
