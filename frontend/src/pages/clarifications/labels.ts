// Where a question's pages are. Its status's words and colour are in lib/labels.ts.
import type { TagColour } from '../../components/tag/tag'
import { questionStatusTags } from '../../lib/labels'
import type { SupplierQuestion } from './types'

/** statusColours gives each status its tag colour, from the one vocabulary of labels. */
export const statusColours = Object.fromEntries(
  Object.entries(questionStatusTags).map(([k, v]) => [k, v.colour]),
) as Record<SupplierQuestion['status'], TagColour>

/** questionPath is the address of a question's page for the council. */
export function questionPath(id: string): string {
  return `/buying/questions/${encodeURIComponent(id)}`
}

/** askPath is the address of the page for asking a question about an opportunity. */
export function askPath(opportunityId: string, page?: 'sent'): string {
  const base = `/opportunities/${encodeURIComponent(opportunityId)}/ask`
  return page ? `${base}/${page}` : base
}

/** dpsAskPath is the address of the page for asking a question about joining a DPS. */
export function dpsAskPath(dpsId: string, page?: 'sent'): string {
  const base = `/dps/${encodeURIComponent(dpsId)}/ask`
  return page ? `${base}/${page}` : base
}

/**
 * aboutOf is what a question is about, for the pages that list it: an
 * opportunity, or a DPS (a question about joining it), with the page where its
 * answers are (public) and the council's page for it.
 */
export function aboutOf(q: Pick<SupplierQuestion, 'opportunityId' | 'opportunityTitle' | 'dpsId' | 'dpsTitle'>) {
  if (q.dpsId) {
    const page = `/dps/${encodeURIComponent(q.dpsId)}`
    return { kind: 'DPS', title: q.dpsTitle ?? '', page, councilPage: page }
  }
  return {
    kind: 'Opportunity',
    title: q.opportunityTitle,
    page: `/opportunities/${encodeURIComponent(q.opportunityId)}`,
    councilPage: `/buying/${encodeURIComponent(q.opportunityId)}`,
  }
}

/** queuePath is the council's queue of questions, on one opportunity if given. */
export function queuePath(opportunityId?: string): string {
  return opportunityId ? `/buying/questions?opportunityId=${encodeURIComponent(opportunityId)}` : '/buying/questions'
}

/** latePath is the page for deciding whether to extend the deadline for bids when answers are late. */
export function latePath(opportunityId: string): string {
  return `/buying/${encodeURIComponent(opportunityId)}/late-answers`
}

/** clarifyPath is the page for publishing a clarification nobody asked for. */
export function clarifyPath(opportunityId: string): string {
  return `/buying/${encodeURIComponent(opportunityId)}/clarify`
}
