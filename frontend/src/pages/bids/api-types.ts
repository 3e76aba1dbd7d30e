// The shapes of the bids operations, written by hand from the API contract of
// issue 15 while the server's OpenAPI document does not have them yet. Field
// names are the contract's; when `make gen` brings them into api/schema.d.ts,
// each type here becomes a line naming the path, as api/client.ts does.

/** A deadline, in the opportunities' shape: the instant, London local time and how it reads. */
export interface Deadline {
  at: string
  local?: string
  text?: string
}

/** The kinds of question a response form asks. */
export type BidQuestionKind = 'pass_fail' | 'text' | 'document' | 'price' | 'social_value'
/** A yes or no answer. */
export type YesNo = 'yes' | 'no'
/** The file types a document question takes. */
export type BidDocumentType = 'pdf' | 'docx' | 'xlsx' | 'odt' | 'ods' | 'jpg' | 'png'
/** How a price question is priced. */
export type PriceMode = 'per_lot' | 'schedule'
/** Which envelope a question's answer is sealed in, for two-stage opening. */
export type Envelope = 'quality' | 'price'
/** A bid's status. */
export type BidStatus = 'draft' | 'submitted' | 'withdrawn' | 'opened'
/** Where the opening of an opportunity's bids stands. */
export type OpeningStatus = 'sealed' | 'ready' | 'opened'

/** One line of a pricing schedule. */
export interface ScheduleLine {
  id: string
  description: string
  quantity: number
  unit: string
}

/** One question of a response form. */
export interface BidFormQuestion {
  id: string
  number: number
  kind: BidQuestionKind
  title: string
  guidance?: string
  required: boolean
  requiredAnswer?: YesNo
  wordLimit?: number
  documentTypes?: BidDocumentType[]
  maxFiles?: number
  priceMode?: PriceMode
  scheduleLines?: ScheduleLine[]
  criterion?: string
  weightShareBp?: number
  envelope?: Envelope
}

/** An opportunity's response form, from GET /api/v1/opportunities/{id}/response-form. */
export interface BidForm {
  opportunityId: string
  version: number
  twoStage: boolean
  questions: BidFormQuestion[]
}

/** A price for one lot. */
export interface LotPrice {
  lotId: string
  pricePence: number
}

/** A unit price for one line of a pricing schedule, in one lot. */
export interface LinePrice {
  lineId: string
  lotId: string
  unitPricePence: number
}

/** One answer as PUT /api/v1/bids/{id} takes it: only what is given changes. */
export interface BidAnswerInput {
  questionId: string
  passFail?: YesNo
  text?: string
  prices?: LotPrice[]
  lines?: LinePrice[]
}

/** The body of PUT /api/v1/bids/{id}. */
export interface BidInput {
  lotIds?: string[]
  answers: BidAnswerInput[]
}

/** One answer as saved. */
export interface BidAnswer {
  questionId: string
  passFail?: YesNo | ''
  text?: string
  wordCount?: number
  prices?: LotPrice[] | null
  lines?: LinePrice[] | null
  updatedBy?: string
  updatedAt?: string
}

/** A file uploaded for a document question, as the server received it. */
export interface BidDocument {
  id: string
  questionId: string
  filename: string
  size: number
  sha256: string
  contentType: string
  uploadedAt: string
  uploadedBy: string
}

/** Something a bid still needs before it can be submitted. */
export interface BidMissing {
  questionId: string
  field: string
  message: string
}

/** A bid's total price for one lot. */
export interface BidTotal {
  lotId: string
  totalPence: number
  totalText: string
}

/** Who changed a bid last. */
export interface BidLastChange {
  by: string
  at: string
  questionId?: string
}

/** A bid, from GET /api/v1/bids/{id}. */
export interface BidView {
  id: string
  reference: string
  opportunityId: string
  opportunityTitle: string
  organisationId: string
  organisationName: string
  status: BidStatus
  statusText: string
  lotIds: string[] | null
  version: number
  deadline: Deadline
  answers: BidAnswer[] | null
  documents: BidDocument[] | null
  missing: BidMissing[] | null
  totals: BidTotal[] | null
  lastChange: BidLastChange | null
  submittedAt?: string
  submittedVersion?: number
  submittedBeforeAmendment?: number
  receiptHash?: string
}

/** One answer or file a receipt vouches for. */
export interface BidReceiptItem {
  kind: 'answer' | 'document'
  questionId: string
  name: string
  size: number
  sha256: string
}

/** The receipt of one submitted version of a bid. */
export interface BidReceipt {
  reference: string
  bidId: string
  version: number
  submittedAt: string
  submittedAtText: string
  opportunity: { id: string; reference: string; title: string }
  organisationName: string
  items: BidReceiptItem[] | null
  receiptHash: string
}

/** A bid in a list. */
export interface BidSummary {
  id: string
  reference: string
  opportunityId: string
  opportunityTitle: string
  organisationName: string
  status: BidStatus
  statusText: string
  deadline: Deadline
  submittedAt?: string
  receiptHash?: string
}

/** A list of bids. */
export interface BidList {
  items: BidSummary[] | null
}

/** The opening of an opportunity's bids, from GET /api/v1/opportunities/{id}/opening. */
export interface BidOpening {
  status: OpeningStatus
  sealedUntil: Deadline
  quorum: number
  confirmations: number
  openedAt?: string
  receiptHashes: string[] | null
}

/** What a panel member gives to confirm an opening. */
export interface OpeningConfirmation {
  password: string
  code: string
}

/** The body of POST /api/v1/opportunities/{id}/bids. */
export interface StartBidInput {
  organisationId?: string
  lotIds: string[]
}

/** A council officer on (or who could join) an opportunity's opening panel. */
export interface PanelMember {
  userId: string
  name: string
}

/**
 * An opportunity's opening panel, from GET /api/v1/opportunities/{id}/opening-panel.
 * candidates is not in the contract yet: the officers the buyer may choose from.
 */
export interface OpeningPanel {
  members: PanelMember[] | null
  quorum: number
  candidates?: PanelMember[] | null
}
