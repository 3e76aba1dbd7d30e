// The shapes of the bids operations, named by path (as api/client.ts does) so
// that a renamed Go type does not break them. schema.d.ts is generated from the
// server's OpenAPI document by `make gen`; never write these shapes by hand.
import type { paths } from '../../api/schema'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never
type Body<T> = T extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never

type FormPath = paths['/api/v1/opportunities/{id}/response-form']
type BidPath = paths['/api/v1/bids/{id}']
type OpeningPath = paths['/api/v1/opportunities/{id}/opening']
type PanelPath = paths['/api/v1/opportunities/{id}/opening-panel']

/** An opportunity's response form, from GET /api/v1/opportunities/{id}/response-form. */
export type BidForm = Json<FormPath['get']['responses'][200]>
/** One question of a response form. */
export type BidFormQuestion = BidForm['questions'][number]
/** The body of PUT /api/v1/opportunities/{id}/response-form: the whole form. */
export type BidFormInput = Body<FormPath['put']>
/** One question as PUT /api/v1/opportunities/{id}/response-form takes it. */
export type BidFormQuestionInput = BidFormInput['questions'][number]
/** The kinds of question a response form asks. */
export type BidQuestionKind = BidFormQuestion['kind']
/** Which envelope a question's answer is sealed in, for two-stage opening. */
export type Envelope = BidFormQuestion['envelope']
/** One line of a pricing schedule. */
export type ScheduleLine = NonNullable<BidFormQuestion['scheduleLines']>[number]

/** A yes or no answer. */
export type YesNo = NonNullable<BidFormQuestion['requiredAnswer']>
/** The file types a document question takes. */
export type BidDocumentType = NonNullable<BidFormQuestion['documentTypes']>[number]
/** How a price question is priced. */
export type PriceMode = NonNullable<BidFormQuestion['priceMode']>

type RawBidView = Json<BidPath['get']['responses'][200]>
/**
 * A bid, from GET /api/v1/bids/{id}. lastChange is null until someone saves
 * (huma cannot mark an object nullable in the schema, so it is said here).
 */
export type BidView = Omit<RawBidView, 'lastChange'> & { lastChange: BidLastChange }
/** The body of PUT /api/v1/bids/{id}: only the answers given change. */
export type BidInput = Body<BidPath['put']>
/** One answer as PUT /api/v1/bids/{id} takes it. */
export type BidAnswerInput = NonNullable<BidInput['answers']>[number]
/** A bid's status. */
export type BidStatus = BidView['status']
/** One answer as saved. */
export type BidAnswer = BidView['answers'][number]
/** A price for one lot. */
export type LotPrice = BidAnswer['prices'][number]
/** A unit price for one line of a pricing schedule, in one lot. */
export type LinePrice = BidAnswer['lines'][number]
/** A file uploaded for a document question, as the server received it. */
export type BidDocument = BidView['documents'][number]
/** Something a bid still needs before it can be submitted. */
export type BidMissing = BidView['missing'][number]
/** A bid's total price for one lot. */
export type BidTotal = BidView['totals'][number]
/** Who changed a bid last; null before anyone has. */
export type BidLastChange = RawBidView['lastChange'] | null
/** A deadline, in the opportunities' shape: the instant, London local time and how it reads. */
export type Deadline = NonNullable<BidView['deadline']>

/** The receipt of one submitted version of a bid. */
export type BidReceipt = Json<paths['/api/v1/bids/{id}/receipt']['get']['responses'][200]>
/** One answer or file a receipt vouches for. */
export type BidReceiptItem = BidReceipt['items'][number]

/** A list of bids, from GET /api/v1/supplier/bids. */
export type BidList = Json<paths['/api/v1/supplier/bids']['get']['responses'][200]>
/** A bid in a list. */
export type BidSummary = BidList['items'][number]

/** The opening of an opportunity's bids, from GET /api/v1/opportunities/{id}/opening. */
export type BidOpening = Json<OpeningPath['get']['responses'][200]>
/** Where the opening of an opportunity's bids stands. */
export type OpeningStatus = BidOpening['status']
/** What a panel member gives to confirm an opening. */
export type OpeningConfirmation = Body<OpeningPath['post']>

/** The body of POST /api/v1/opportunities/{id}/bids. */
export type StartBidInput = Body<paths['/api/v1/opportunities/{id}/bids']['post']>

type RawPanel = Json<PanelPath['get']['responses'][200]>
/** A council officer on an opportunity's opening panel. */
export type PanelMember = RawPanel['members'][number]
/**
 * An opportunity's opening panel, from GET /api/v1/opportunities/{id}/opening-panel,
 * with the officers the buyer may choose from (candidates, which the server
 * gives from branch h15/bidsmore on; until then the list offers only the members).
 */
export type OpeningPanel = RawPanel & { candidates?: PanelMember[] }
