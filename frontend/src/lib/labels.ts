// The portal's one vocabulary: what each code the API sends or takes is called
// on screen, in plain English. Each table is keyed by the API's own type (from
// the generated schema, named by path as api/client.ts does), so a new code
// without a name fails the type check; labels.test.ts checks the same against
// openapi.json. Pages take their words from here rather than keeping their own.
import type { TagColour } from '../components/tag/tag'
import type { TaskStatus } from '../components/task-list/task-list'
import type { components, paths } from '../api/schema'
import type { BidDocumentType, BidQuestionKind, BidStatus, OpeningStatus, PriceMode } from '../pages/bids/api-types'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never
type Query<P extends keyof paths> = NonNullable<paths[P] extends { get: { parameters: { query?: infer Q } } } ? Q : never>
type Code<T> = Exclude<NonNullable<T>, ''>

/** How suppliers bid. */
export type Procedure = Code<Query<'/api/v1/opportunities'>['procedure']>
/** Where, relative to the council, a supplier is based or the work is done. */
export type Locality = Code<Query<'/api/v1/opportunities'>['locality']>
/** The size classes of a supplier. */
export type Size = Code<Query<'/api/v1/suppliers'>['size']>
/** An opportunity's status. */
export type OpportunityStatus = Json<paths['/api/v1/opportunities/{id}']['get']['responses'][200]>['status']
/** The statuses the public search filters by (planned work has its own page, the pipeline). */
export type SearchStatus = Exclude<Code<Query<'/api/v1/opportunities'>['status']>, 'planned'>
/** The orders search results come in. */
export type SortOrder = Code<Query<'/api/v1/opportunities'>['sort']>
/** What an evaluation criterion judges. */
export type CriterionKind = NonNullable<
  NonNullable<paths['/api/v1/opportunities/{id}']['put']['requestBody']>['content']['application/json']['criteria']
>[number]['kind']
/** Which suppliers may bid for a reserved opportunity. */
export type Reservation = Code<NonNullable<paths['/api/v1/opportunities/{id}']['put']['requestBody']>['content']['application/json']['reserved']>
/** An organisation's legal form. */
export type LegalForm = NonNullable<paths['/api/v1/auth/register']['post']['requestBody']>['content']['application/json']['legalForm']
/** The role a person signs in with. */
export type AccountRole = Json<paths['/api/v1/me']['get']['responses'][200]>['role']
/** Whether an account can be used. */
export type AccountStatus = Json<paths['/api/v1/admin/accounts/{id}']['get']['responses'][200]>['status']
/** A person's role in their organisation. */
export type MemberRole = Json<paths['/api/v1/supplier/members']['get']['responses'][200]>['members'][number]['role']
/** A bank details change's status. */
export type BankChangeStatus = Json<paths['/api/v1/supplier/bank-details']['get']['responses'][200]>['changes'][number]['status']
/** A DPS's status. */
export type DpsStatus = Json<paths['/api/v1/dps/{id}']['get']['responses'][200]>['status']
/** A DPS application's status. */
export type ApplicationStatus = Json<paths['/api/v1/dps-applications/{id}']['get']['responses'][200]>['status']
/** What became of a category applied for. */
export type CategoryStatus = Json<paths['/api/v1/dps-applications/{id}']['get']['responses'][200]>['categories'][number]['status']
/** A kind of inbox message. */
export type MessageKind = Json<paths['/api/v1/notifications']['get']['responses'][200]>['items'][number]['kind']
/** How often alert emails come. */
/** A clarification question's status. */
export type QuestionStatus = Json<paths['/api/v1/supplier/questions']['get']['responses'][200]>['items'][number]['status']
/** Who an answer to a question is for. */
export type AnswerVisibility = Json<paths['/api/v1/opportunities/{id}/questions']['get']['responses'][200]>['items'][number]['visibility']
/** What the council decided when answers came late. */
export type LateDecision = Json<paths['/api/v1/opportunities/{id}/questions']['get']['responses'][200]>['lateAnswerDecisions'][number]['decision']
/** The choice the council makes when answers come late. */
export type LateChoice = NonNullable<paths['/api/v1/opportunities/{id}/late-answers/decision']['post']['requestBody']>['content']['application/json']['decision']
/** Why an answer counts as late. */
export type LateKind = Json<paths['/api/v1/opportunities/{id}/late-answers']['get']['responses'][200]>['items'][number]['kind']
export type Frequency = NonNullable<paths['/api/v1/alerts']['post']['requestBody']>['content']['application/json']['frequency']

/**
 * Names is a table naming every code K; it may also be asked about any string
 * (a code the API sends as a plain string), and then says undefined for one
 * it does not know.
 */
export type Names<K extends string> = Record<K, string> & { readonly [code: string]: string | undefined }

/** codes lists the codes a table names, in its order (the order pages offer them in). */
export function codes<K extends string>(names: Names<K>): K[] {
  return Object.keys(names) as K[]
}

/** A status as a tag shows it. */
export interface StatusTag {
  text: string
  colour?: TagColour
}

/** How suppliers bid, by procedure code. */
export const procedureLabels: Names<Procedure> = {
  open_tender: 'Open tender',
  quick_quote: 'Quick quote',
  dps_call: 'Call for competition under a dynamic purchasing system (DPS)',
}

/** What each procedure means for a supplier, so nobody needs to know the terms. */
export const procedureHints: Names<Procedure> = {
  open_tender: 'Any organisation can send a full bid.',
  quick_quote: 'A short quote for smaller jobs.',
  dps_call: 'Only for suppliers already on the council’s approved list for that kind of work.',
}

/** procedureName is what a procedure is called on screen; a draft may not have one yet. */
export function procedureName(value: string): string {
  return procedureLabels[value as Procedure] ?? 'Not chosen yet'
}

/** Where the work is done, relative to the council (the search and alerts), in the API's order. */
export const workLocalityLabels: Names<Locality> = {
  local: 'In the council’s own area',
  sub_regional: 'In a neighbouring area',
  regional: 'Elsewhere in the region',
  national: 'Anywhere in the UK',
}

/** How a supplier is classified by where it is based (profiles and the suppliers list). */
export const supplierLocalityLabels: Names<Locality> = {
  local: 'Local',
  sub_regional: 'Sub-regional (a neighbouring borough)',
  regional: 'Regional',
  national: 'National',
}

/** The size classes, as suppliers and buyers read them. */
export const sizeLabels: Names<Size> = {
  micro: 'Micro',
  small: 'Small',
  medium: 'Medium-sized',
  large: 'Large',
}

/** The statuses the public search offers. */
export const searchStatusLabels: Names<SearchStatus> = {
  open: 'Open for bids',
  closed: 'Closed to bids',
  cancelled: 'Cancelled',
}

/** The orders results can be sorted in. */
export const sortLabels: Names<SortOrder> = {
  relevance: 'Most relevant',
  closing: 'Closing soonest',
  newest: 'Newest',
}

/** What each kind of evaluation criterion is called. Social value criteria count towards the social value weighting. */
export const criterionKindLabels: Names<CriterionKind> = {
  price: 'Price',
  quality: 'Quality',
  social_value: 'Social value',
}

/** Who may bid when the council keeps an opportunity for some suppliers. */
export const reservationLabels: Names<Reservation> = {
  none: 'Anyone can bid',
  local: 'Only suppliers based in the council’s area',
  uk: 'Only suppliers based in the UK',
  sme_vcse: 'Only small and medium-sized businesses (SMEs) and VCSEs',
}

/** What each legal form is called, with a hint where the name alone may not be clear, in the order they are offered. */
export const legalForms: { value: LegalForm; label: string; hint?: string }[] = [
  { value: 'sole_trader', label: 'Sole trader', hint: 'You work for yourself and are not a company.' },
  { value: 'partnership', label: 'Partnership', hint: 'Two or more people run the business together.' },
  { value: 'private_limited_company', label: 'Private limited company (Ltd)' },
  { value: 'public_limited_company', label: 'Public limited company (PLC)' },
  { value: 'limited_liability_partnership', label: 'Limited liability partnership (LLP)' },
  { value: 'community_interest_company', label: 'Community interest company (CIC)' },
  { value: 'charitable_incorporated_organisation', label: 'Charitable incorporated organisation (CIO)' },
  {
    value: 'charitable_company',
    label: 'Charitable company',
    hint: 'A charity that is also a company limited by guarantee.',
  },
  { value: 'cooperative_or_community_benefit_society', label: 'Co-operative or community benefit society' },
  {
    value: 'unincorporated_association',
    label: 'Community group or club without a legal structure',
    hint: 'Sometimes called an unincorporated association.',
  },
  { value: 'public_body', label: 'Public body', hint: 'For example, a school, NHS trust or another council.' },
]

/** legalFormLabels names each legal form. */
export const legalFormLabels = Object.fromEntries(legalForms.map((f) => [f.value, f.label])) as Names<LegalForm>

/** legalFormLabel is the on-screen name of a legal form value. */
export function legalFormLabel(value: string): string {
  return legalFormLabels[value as LegalForm] ?? value
}

/** What each role a person signs in with is called. */
export const accountRoleLabels: Names<AccountRole> = {
  supplier: 'Supplier',
  buyer: 'Buyer',
  evaluator: 'Evaluator',
  case_officer: 'Case officer',
  admin: 'Admin',
}

/** Whether an account can be used. */
export const accountStatusLabels: Names<AccountStatus> = {
  active: 'Active',
  deactivated: 'Deactivated',
}

/** A person's role in their organisation. */
export const memberRoleLabels: Names<MemberRole> = {
  owner: 'Owner',
  member: 'Member',
}

/** A bank details change's status as the supplier sees it. */
export const bankChangeTags: Record<BankChangeStatus, StatusTag> = {
  pending: { text: 'Being checked', colour: 'blue' },
  frozen: { text: 'Stopped', colour: 'red' },
  cooling_off: { text: 'Approved: cooling off', colour: 'turquoise' },
  active: { text: 'In use', colour: 'green' },
  superseded: { text: 'Replaced', colour: 'grey' },
  rejected: { text: 'Refused', colour: 'orange' },
}

/** A bank details change's status as council officers see it. */
export const bankQueueTags: Record<BankChangeStatus, StatusTag> = {
  pending: { text: 'Waiting for checks', colour: 'blue' },
  frozen: { text: 'Frozen: possible fraud', colour: 'red' },
  cooling_off: { text: 'Cooling off', colour: 'turquoise' },
  active: { text: 'In use', colour: 'green' },
  superseded: { text: 'Replaced', colour: 'grey' },
  rejected: { text: 'Refused', colour: 'orange' },
}

/** A DPS's status. */
export const dpsStatusTags: Record<DpsStatus, StatusTag> = {
  draft: { text: 'Draft', colour: 'grey' },
  open: { text: 'Open', colour: 'green' },
  not_started: { text: 'Not open yet', colour: 'blue' },
  closed: { text: 'Closed', colour: 'grey' },
}

/** A DPS application's status. */
export const applicationStatusTags: Record<ApplicationStatus, StatusTag> = {
  draft: { text: 'Not sent yet', colour: 'blue' },
  submitted: { text: 'Waiting for a decision', colour: 'light-blue' },
  decided: { text: 'Decided', colour: 'green' },
  withdrawn: { text: 'Withdrawn', colour: 'grey' },
}

/** What became of each category applied for. */
export const categoryStatusTags: Record<CategoryStatus, StatusTag> = {
  requested: { text: 'Waiting for a decision', colour: 'light-blue' },
  admitted: { text: 'Admitted', colour: 'green' },
  rejected: { text: 'Not admitted', colour: 'red' },
  suspended: { text: 'Suspended', colour: 'orange' },
  removed: { text: 'Removed', colour: 'grey' },
}

/** tagOf is a status as a tag shows it; a status the portal does not know yet shows as it is, in grey. */
export function tagOf<S extends string>(tags: Record<S, StatusTag>, status: string): StatusTag {
  return tags[status as S] ?? { text: status, colour: 'grey' }
}

/** The inbox's name for each kind of message. */
export const messageKindLabels: Names<MessageKind> = {
  match: 'Matches your alert',
  planned: 'Planned',
  amended: 'Changed',
  cancelled: 'Cancelled',
  reminder: 'Deadline reminder',
  invited: 'Invitation to bid',
  decision: 'Decision on your application',
  applied: 'Application sent',
  due: 'Decision due',
  clarification: 'New answer to a question',
  your_question: 'Your question',
  clarification_late: 'Answer late',
}

/** How each status of a clarification question shows as a tag. */
export const questionStatusTags: Record<QuestionStatus, StatusTag> = {
  awaiting_answer: { text: 'Waiting for an answer', colour: 'blue' },
  answered: { text: 'Answered to everyone', colour: 'green' },
  answered_privately: { text: 'Answered to you', colour: 'green' },
  merged: { text: 'Answered with another question', colour: 'turquoise' },
  declined: { text: 'Not answered', colour: 'grey' },
}

/** Who an answer is for. */
export const answerVisibilityLabels: Names<AnswerVisibility> = {
  everyone: 'Everyone',
  private: 'Only the organisation that asked',
}

/** What the council decided when answers came late, as everyone reads it. */
export const lateDecisionLabels: Names<LateDecision> = {
  extended: 'The deadline for bids was extended',
  declined: 'The deadline for bids was not extended',
}

/** The council's choice when answers come late. */
export const lateChoiceLabels: Names<LateChoice> = {
  extend: 'Extend the deadline for bids',
  decline: 'Do not extend the deadline',
}

/** Why an answer counts as late. */
export const lateKindLabels: Names<LateKind> = {
  unanswered: 'Not answered yet',
  answered_late: 'Answered late',
}

/** How often alert emails come. */
export const frequencyLabels: Names<Frequency> = {
  instant: 'As soon as each opportunity is published',
  daily: 'Once a day',
}

/** The statuses of a task on a task list page, in the GOV.UK task list's words. */
export const taskStatuses = {
  completed: { text: 'Completed' },
  incomplete: { text: 'Incomplete', tag: 'light-blue' },
  notStarted: { text: 'Not yet started', tag: 'blue' },
  cannotStart: { text: 'Cannot start yet', cannotStart: true },
} as const satisfies Record<string, TaskStatus>

/** How each status of a bid shows as a tag. */
export const bidStatusTags: Record<BidStatus, StatusTag> = {
  draft: { text: 'Draft', colour: 'grey' },
  submitted: { text: 'Submitted', colour: 'green' },
  withdrawn: { text: 'Withdrawn', colour: 'orange' },
  opened: { text: 'Opened by the council', colour: 'blue' },
}

/** What each kind of question on a response form asks for. */
export const bidQuestionKindLabels: Names<BidQuestionKind> = {
  pass_fail: 'Yes or no',
  text: 'Written answer',
  document: 'Upload a document',
  price: 'Price',
  social_value: 'Social value',
}

/** How a price question is priced. */
export const priceModeLabels: Names<PriceMode> = {
  per_lot: 'A price for each lot',
  schedule: 'A pricing schedule: a unit price for each line',
}

/** The file types a document question may take, as people know them. */
export const bidDocumentTypeLabels: Names<BidDocumentType> = {
  pdf: 'PDF',
  docx: 'Word document (.docx)',
  xlsx: 'Excel spreadsheet (.xlsx)',
  odt: 'OpenDocument text (.odt)',
  ods: 'OpenDocument spreadsheet (.ods)',
  jpg: 'JPEG image',
  png: 'PNG image',
}

/** Where the opening of an opportunity's bids stands. */
export const openingStatusLabels: Names<OpeningStatus> = {
  sealed: 'Sealed',
  ready: 'Ready to open',
  opened: 'Opened',
}

/** The statuses of a question on a bid's task list. */
export const bidTaskStatuses = {
  completed: taskStatuses.completed,
  inProgress: { text: 'In progress', tag: 'light-blue' },
  notStarted: { text: 'Not started', tag: 'blue' },
  cannotStart: taskStatuses.cannotStart,
} as const satisfies Record<string, TaskStatus>

type Schemas = components['schemas']

/** Where an award stands, for the buyer's award page. */
export const awardStatusLabels: Names<Schemas['AwardState']['status']> = {
  not_ready: 'Evaluation not finished',
  ready: 'Ready to propose',
  proposed: 'Proposed: waiting for approval',
  approved: 'Approved: summaries to review and send',
  standstill: 'Standstill period',
  paused: 'Standstill paused',
  standstill_ended: 'Standstill ended',
  contract_entered: 'Contract entered',
  terminated: 'Ended without award',
}

/** Where a bid stands after the deadline, as its bidder sees it. */
export const outcomeStageLabels: Names<Schemas['BidOutcome']['stage']> = {
  submitted: 'Submitted',
  opened: 'Opened',
  being_evaluated: 'Being evaluated',
  outcome: 'Outcome sent',
  standstill_paused: 'Standstill paused',
  standstill_ended: 'Standstill ended',
  contract_entered: 'Contract entered',
  terminated: 'Ended without award',
}

/** The steps of a bid's timeline. */
export const outcomeStepLabels: Names<Schemas['OutcomeStep']['step']> = {
  submitted: 'Bid submitted',
  opened: 'Bids opened',
  being_evaluated: 'Being evaluated',
  outcome: 'Outcome and feedback',
  standstill_ends: 'Standstill period ends',
  contract: 'Contract entered',
  terminated: 'Ended without award',
}

/** A tender's result in one lot, in its assessment summary. */
export const summaryResultLabels: Names<Schemas['AssessmentSummaryLot']['result']> = {
  successful: 'Successful',
  unsuccessful: 'Not successful',
  excluded: 'Excluded',
}

/** The explanations of an assessment summary the buyer may rewrite (and is warned about). */
export const summaryFieldLabels: Names<Schemas['AwardSummaryEdit']['field']> = {
  explanation: 'Why it got this mark',
  strengths: 'What it did well',
  improvements: 'What would have scored higher',
  not_most_advantageous: 'Why it was not the most advantageous tender',
}

/** Where an evaluation has got to. */
export const evaluationStageLabels: Names<Schemas['Evaluation']['stage']> = {
  sealed: 'Sealed until opening',
  not_started: 'Opened: not started',
  scoring: 'Being scored',
  moderated: 'Quality moderated',
  scored: 'Scored: ready to award',
}

/** Where an evaluator's own marks for a bid stand. */
export const yourMarksLabels: Names<Schemas['EvaluationBid']['yourMarks']> = {
  none: 'Not yours to mark',
  not_started: 'Not started',
  draft: 'In progress',
  submitted: 'Submitted',
}

/** What each seat on an evaluation panel does. */
export const panelRoleLabels: Names<Schemas['EvaluationPanelSeat']['role']> = {
  evaluator: 'Evaluator',
  moderator: 'Moderator',
  price: 'Scores price',
}

/** The published price formulas. */
export const priceMethodLabels: Names<Schemas['EvaluationMethod']['priceMethod']> = {
  lowest: 'The lowest price divided by each price',
  budget: 'Against the budget',
  ranking: 'By rank of price',
}

/** How the council resolved an abnormally low price. */
export const priceDecisionLabels: Names<Schemas['PriceReviewInput']['decision']> = {
  accepted: 'Accepted',
  excluded: 'Excluded',
}

