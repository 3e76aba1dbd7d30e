// How a question's status reads and looks, wherever it is shown.
import type { TagColour } from '../../components/tag/tag'
import type { SupplierQuestion } from './types'

/** statusColours gives each status its tag colour; the words come from the server's statusText. */
export const statusColours: Record<SupplierQuestion['status'], TagColour> = {
  awaiting_answer: 'blue',
  answered: 'green',
  answered_privately: 'green',
  merged: 'turquoise',
  declined: 'grey',
}

/** questionPath is the address of a question's page for the council. */
export function questionPath(id: string): string {
  return `/buying/questions/${encodeURIComponent(id)}`
}

/** askPath is the address of the page for asking a question about an opportunity. */
export function askPath(opportunityId: string, page?: 'sent'): string {
  const base = `/opportunities/${encodeURIComponent(opportunityId)}/ask`
  return page ? `${base}/${page}` : base
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
