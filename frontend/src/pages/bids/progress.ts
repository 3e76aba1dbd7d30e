// How far a bid has got: each question's task status, from what the server
// saved and what it says is still missing.
import { bidTaskStatuses } from '../../lib/labels'
import type { TaskStatus } from '../../components/task-list/task-list'
import type { BidAnswer, BidFormQuestion, BidView } from './api-types'

/** countWords counts words as the GOV.UK character count does: runs of non-space characters. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0
}

/** answerOf is the saved answer to a question, if any. */
export function answerOf(bid: BidView, questionId: string): BidAnswer | undefined {
  return (bid.answers ?? []).find((a) => a.questionId === questionId)
}

/** documentsOf lists the files uploaded for a question. */
export function documentsOf(bid: BidView, questionId: string) {
  return (bid.documents ?? []).filter((d) => d.questionId === questionId)
}

/** missingOf lists what the server says a question still needs. */
export function missingOf(bid: BidView, questionId: string) {
  return (bid.missing ?? []).filter((m) => m.questionId === questionId)
}

/** started reports whether anything of a question's answer has been saved. */
export function started(bid: BidView, q: BidFormQuestion): boolean {
  if (q.kind === 'document') return documentsOf(bid, q.id).length > 0
  const a = answerOf(bid, q.id)
  if (!a) return false
  return !!a.passFail || !!a.text?.trim() || (a.prices ?? []).length > 0 || (a.lines ?? []).length > 0
}

/** needsLots reports whether a question cannot be answered until lots are chosen. */
export function needsLots(q: BidFormQuestion, hasLots: boolean, bid: BidView): boolean {
  return q.kind === 'price' && hasLots && (bid.lotIds ?? []).length === 0
}

/**
 * taskStatus is a question's status on the task list: cannot start yet (a
 * price before lots are chosen), not started, in progress (saved but the
 * server still finds something missing) or completed.
 */
export function taskStatus(bid: BidView, q: BidFormQuestion, hasLots: boolean): TaskStatus {
  if (needsLots(q, hasLots, bid)) return bidTaskStatuses.cannotStart
  const s = started(bid, q)
  const missing = missingOf(bid, q.id).length > 0
  if (!s) return bidTaskStatuses.notStarted
  return missing ? bidTaskStatuses.inProgress : bidTaskStatuses.completed
}

/**
 * missingPath is the page where a missing thing is put right. The server names
 * it by field: lotIds, or questions[i].<part> with i the question's place in
 * the form from 0 (its problem+json locations say the same, after "body.").
 */
export function missingPath(bidId: string, questions: BidFormQuestion[], field: string): string {
  if (/(^|\.)lotIds$/.test(field)) return bidPath(bidId, 'lots')
  const i = /questions\[(\d+)\]/.exec(field)
  const q = i ? questions[Number(i[1])] : undefined
  return q ? questionPath(bidId, q.id) : bidPath(bidId)
}

/** bidPath is the address of a page of a bid. */
export function bidPath(bidId: string, page = ''): string {
  return `/bids/${encodeURIComponent(bidId)}${page ? `/${page}` : ''}`
}

/** questionPath is the address of a question's page in a bid. */
export function questionPath(bidId: string, questionId: string): string {
  return bidPath(bidId, `questions/${encodeURIComponent(questionId)}`)
}

/** openingPath is the address of an opportunity's opening page, for its opening panel. */
export function openingPath(opportunityId: string): string {
  return `/bids/opening/${encodeURIComponent(opportunityId)}`
}
