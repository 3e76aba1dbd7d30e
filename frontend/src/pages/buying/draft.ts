// A draft opportunity as the task list sees it: the tasks, which fields each
// task's page has (so the server's errors land on the right page), whether
// each task is done, and the whole draft as the API saves it.
import type { paths } from '../../api/schema'
import type { TaskStatus } from '../../components/task-list/task-list'
import { fieldIdFor } from '../../forms/problem'
import { taskStatuses } from '../../lib/labels'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never

/** An opportunity as GET /api/v1/opportunities/{id} returns it. */
export type Opportunity = Json<paths['/api/v1/opportunities/{id}']['get']['responses'][200]>
/** A whole draft as PUT /api/v1/opportunities/{id} takes it. */
export type OpportunityInput = Json<NonNullable<paths['/api/v1/opportunities/{id}']['put']['requestBody']>>
/** One line of the buyers' list of opportunities. */
export type OpportunitySummary = Json<paths['/api/v1/buyer/opportunities']['get']['responses'][200]>['items'][number]
/** A change to a published opportunity. */
export type AmendInput = Json<NonNullable<paths['/api/v1/opportunities/{id}/amendments']['post']['requestBody']>>
/** A planned procurement as the pipeline operations take it. */
export type PlannedInput = Json<NonNullable<paths['/api/v1/pipeline']['post']['requestBody']>>
/** A document of an opportunity. */
export type OpportunityDocument = Opportunity['documents'][number]

/** The tasks of a draft, each one page. */
export type TaskKey = 'about' | 'what' | 'value' | 'where' | 'who' | 'dates' | 'evaluation' | 'documents'

/** A task: its page under /buying/:id, its name, and the field ids on its page. */
export interface TaskDef {
  key: TaskKey
  /** The page's address under /buying/:id/. */
  slug: string
  title: string
  hint: string
  /**
   * Field ids on the page: an error for one of them, or for an id that starts
   * with one of them and a dash (lots-0-title), is shown there.
   */
  fields: string[]
  /** Not needed to publish. */
  optional?: boolean
}

/** The tasks, in the order the task list shows them. */
export const tasks: TaskDef[] = [
  { key: 'about', slug: 'about', title: 'About the work', hint: 'Title, summary, full description and how suppliers will bid', fields: ['title', 'summary', 'description', 'procedure', 'contactEmail'] },
  { key: 'what', slug: 'what-you-are-buying', title: 'What you are buying', hint: 'Kinds of work (CPV codes) and lots', fields: ['cpvCodes', 'lots'] },
  { key: 'value', slug: 'value-and-length', title: 'Value and length', hint: 'Estimated value without VAT, and how long the contract lasts', fields: ['estimatedValuePence', 'contractMonths'] },
  { key: 'where', slug: 'where', title: 'Where the work is done', hint: 'The local authority area', fields: ['placeOfDelivery'] },
  { key: 'who', slug: 'who-can-bid', title: 'Who can bid', hint: 'Suitability for small businesses and VCSEs', fields: ['suitability', 'reserved'] },
  { key: 'dates', slug: 'dates', title: 'Dates', hint: 'Deadlines for questions and bids, and when you expect to award', fields: ['clarificationDeadline', 'submissionDeadline', 'expectedAwardOn'] },
  { key: 'evaluation', slug: 'how-bids-will-be-judged', title: 'How bids will be judged', hint: 'Criteria and their weights, including social value', fields: ['criteria', 'socialValueJustification'] },
  { key: 'documents', slug: 'documents', title: 'Documents', hint: 'The specification, terms and anything else suppliers need', fields: ['file', 'filename', 'replaces'], optional: true },
]

/** taskDef returns the task with the key. */
export function taskDef(key: TaskKey): TaskDef {
  return tasks.find((t) => t.key === key)!
}

/** draftPath is the address of a draft's task list, or of one of its pages. */
export function draftPath(id: string, page?: TaskKey | 'check' | 'published' | 'amend' | 'amend-document' | 'cancel'): string {
  const base = `/buying/${encodeURIComponent(id)}`
  if (!page) return base
  if (page === 'check') return `${base}/check`
  if (page === 'published') return `${base}/published`
  if (page === 'amend') return `${base}/amend`
  if (page === 'amend-document') return `${base}/amend/document`
  if (page === 'cancel') return `${base}/cancel`
  return `${base}/${taskDef(page).slug}`
}

function matches(id: string, field: string): boolean {
  return id === field || id.startsWith(`${field}-`)
}

/**
 * fieldOnPage maps the field id of a server problem (from its location: lots-0-title)
 * to the id of the element that shows it: a deadline's day box, the CPV
 * search, the first weight for a problem with the weights as a whole.
 */
export function fieldOnPage(id: string): string {
  if (id === 'clarificationDeadline' || id === 'submissionDeadline' || id === 'expectedAwardOn') return `${id}-day`
  if (matches(id, 'cpvCodes')) return 'cpvCodes'
  if (id === 'criteria') return 'criteria-0-weightBp'
  if (id === 'suitableForSmes' || id === 'suitableForVcses') return 'suitability'
  return id
}

/** taskOfField returns the task whose page has the field, or undefined (shortPeriodReason is on the check page). */
export function taskOfField(id: string): TaskDef | undefined {
  return tasks.find((t) => t.fields.some((f) => matches(id, f)))
}

/** inputFromView is the whole draft as PUT takes it, so a page can change its part and save the rest as it was. */
export function inputFromView(v: Opportunity): OpportunityInput {
  return {
    title: v.title,
    summary: v.summary,
    description: v.description,
    procedure: v.procedure as OpportunityInput['procedure'],
    cpvCodes: v.cpvCodes.map((c) => c.code),
    lots: v.lots.map((l) => ({ title: l.title, description: l.description, valuePence: l.valuePence, cpvCode: l.cpvCode })),
    estimatedValuePence: v.estimatedValuePence,
    contractMonths: v.contractMonths,
    placeOfDelivery: v.placeOfDelivery,
    suitableForSmes: v.suitableForSmes,
    suitableForVcses: v.suitableForVcses,
    reserved: (v.reserved || 'none') as OpportunityInput['reserved'],
    clarificationDeadline: v.clarificationDeadline?.local ?? '',
    submissionDeadline: v.submissionDeadline?.local ?? '',
    expectedAwardOn: v.expectedAwardOn,
    criteria: v.criteria.map((c) => ({ name: c.name, kind: c.kind as 'price' | 'quality' | 'social_value', description: c.description, weightBp: c.weightBp })),
    socialValueJustification: v.socialValueJustification,
    shortPeriodReason: v.shortPeriodReason,
    contactEmail: v.contactEmail ?? '',
  }
}

// started reports whether anything on the task's page has been given.
function started(key: TaskKey, v: Opportunity): boolean {
  switch (key) {
    case 'about':
      return Boolean(v.title || v.summary || v.description)
    case 'what':
      return v.cpvCodes.length > 0 || v.lots.length > 0
    case 'value':
      return v.estimatedValuePence > 0 || v.contractMonths > 0
    case 'where':
      return v.placeOfDelivery !== ''
    case 'who':
      return v.suitableForSmes || v.suitableForVcses || (v.reserved !== '' && v.reserved !== 'none')
    case 'dates':
      return Boolean(v.clarificationDeadline || v.submissionDeadline || v.expectedAwardOn)
    case 'evaluation':
      return v.criteria.length > 0
    case 'documents':
      return v.documents.some((d) => d.current)
  }
}

// finished reports whether the task has what publishing needs. Deadlines are
// judged when publishing, by the server's clock, so the dates task only needs
// all three given; the other tasks follow the server's list of problems.
function finished(key: TaskKey, v: Opportunity): boolean {
  if (key === 'dates') return Boolean(v.clarificationDeadline && v.submissionDeadline && v.expectedAwardOn)
  const def = taskDef(key)
  return !v.publishProblems.some((p) => def.fields.some((f) => matches(fieldOnPage(fieldIdFor(`body.${p.field}`) ?? ''), f)))
}

const { completed, incomplete, notStarted } = taskStatuses

/**
 * taskStatus is a task's status on the task list. done means the buyer has
 * saved the task's page (a task with nothing required, such as who can bid,
 * is complete once they have).
 */
export function taskStatus(key: TaskKey, v: Opportunity, done: boolean): TaskStatus {
  if (key === 'documents') return started(key, v) ? completed : { text: 'Optional' }
  if (key === 'who') return done || started(key, v) ? (finished(key, v) ? completed : incomplete) : notStarted
  if (!started(key, v)) return notStarted
  return finished(key, v) ? completed : incomplete
}

/** readyToCheck reports whether every task publishing needs is complete. */
export function readyToCheck(v: Opportunity, done: TaskKey[]): boolean {
  return tasks.every((t) => t.optional || taskStatus(t.key, v, done.includes(t.key)) === completed)
}
