// A response form, bids and receipts as the API returns them, for these pages' unit tests.
import { view } from '../opportunities/fixtures'
import type { OpportunityView } from '../opportunities/types'
import type { BidAnswer, BidForm, BidFormQuestion, BidReceipt, BidView } from './api-types'

/** The IDs the fixtures use. */
export const ids = {
  opportunity: view.id,
  bid: 'b1d00000-0000-4000-8000-000000000001',
  org: '9d1c6a52-6a5e-4c1b-8f5a-0a4b2c3d4e5f',
  insured: 'q0000000-0000-4000-8000-000000000001',
  method: 'q0000000-0000-4000-8000-000000000002',
  plan: 'q0000000-0000-4000-8000-000000000003',
  price: 'q0000000-0000-4000-8000-000000000004',
  social: 'q0000000-0000-4000-8000-000000000005',
  lotA: 'l0000000-0000-4000-8000-00000000000a',
  lotB: 'l0000000-0000-4000-8000-00000000000b',
}

/** answer builds a saved answer as the server gives it: every field present, empty when not given. */
export function answer(over: Partial<BidAnswer> & Pick<BidAnswer, 'questionId'>): BidAnswer {
  return { passFail: '', text: '', wordCount: 0, prices: [], lines: [], updatedBy: 'Sam Patel', updatedAt: '2026-06-20T13:05:00Z', ...over }
}

/** question builds a form question as the server gives it, in the quality envelope unless priced. */
export function question(over: Partial<BidFormQuestion> & Pick<BidFormQuestion, 'id' | 'kind' | 'title'>): BidFormQuestion {
  return { number: 1, guidance: '', required: true, envelope: over.kind === 'price' ? 'price' : 'quality', ...over }
}

/** A response form with one question of each kind. */
export const form: BidForm = {
  opportunityId: ids.opportunity,
  version: 1,
  twoStage: false,
  questions: [
    { id: ids.insured, number: 1, kind: 'pass_fail', title: 'Do you hold £5m public liability insurance?', guidance: '', required: true, requiredAnswer: 'yes', envelope: 'quality' },
    {
      id: ids.method,
      number: 2,
      kind: 'text',
      title: 'How will you do the work?',
      guidance: 'Say who does what, and with which equipment.',
      required: true,
      wordLimit: 5,
      criterion: 'How you will do the work',
      weightShareBp: 5000,
      envelope: 'quality',
    },
    { id: ids.plan, number: 3, kind: 'document', title: 'Upload your method statement', guidance: '', required: true, documentTypes: ['pdf', 'docx'], maxFiles: 2, envelope: 'quality' },
    {
      id: ids.price,
      number: 4,
      kind: 'price',
      title: 'Your prices',
      guidance: '',
      required: true,
      priceMode: 'schedule',
      scheduleLines: [
        { id: 'line1', description: 'Graffiti removal', quantity: 120, unit: 'square metres' },
        { id: 'line2', description: 'Call-out', quantity: 10, unit: 'visits' },
      ],
      criterion: 'Price',
      weightShareBp: 10000,
      envelope: 'price',
    },
    { id: ids.social, number: 5, kind: 'social_value', title: 'Local jobs', guidance: '', required: false, wordLimit: 300, criterion: 'Local jobs', weightShareBp: 10000, envelope: 'quality' },
  ],
}

/** bid builds a new draft bid with nothing answered. */
export function bid(over: Partial<BidView> = {}): BidView {
  return {
    id: ids.bid,
    reference: 'BID-7K2M9Q',
    opportunityId: ids.opportunity,
    opportunityTitle: view.title,
    organisationId: ids.org,
    organisationName: 'Patel Cleaning',
    status: 'draft',
    statusText: 'Draft',
    lotIds: [],
    version: 3,
    deadline: view.submissionDeadline!,
    answers: [],
    documents: [],
    // As the server says it: the field by the question's place in the form, the message by its number.
    missing: form.questions.flatMap((q, i) => (q.required ? [{ questionId: q.id, field: `questions[${i}].answer`, message: `Question ${q.number}: answer ${q.title}` }] : [])),
    totals: [],
    earlierVersions: [],
    lastChange: null,
    ...over,
  }
}

/** The opportunity with two lots. */
export const withLots: OpportunityView = {
  ...view,
  lots: [
    { id: ids.lotA, title: 'North parks', description: '', cpvCode: '', cpvDescription: '', valuePence: 0, valueText: '' },
    { id: ids.lotB, title: 'South parks', description: '', cpvCode: '', cpvDescription: '', valuePence: 0, valueText: '' },
  ],
}

/** The receipt of the bid's first submission (version 4: every save counts). */
export const receipt: BidReceipt = {
  reference: 'BID-7K2M9Q',
  bidId: ids.bid,
  version: 4,
  submission: 1,
  submittedAt: '2026-06-30T10:15:42.123456Z',
  submittedAtText: '11:15:42am on Tuesday 30 June 2026',
  opportunity: { id: ids.opportunity, reference: view.reference, title: view.title },
  organisationName: 'Patel Cleaning',
  items: [
    { kind: 'answer', questionId: ids.method, name: 'Answer to question 2', size: 24, sha256: 'a'.repeat(64) },
    { kind: 'document', questionId: ids.plan, name: 'method.pdf', size: 2_411_724, sha256: 'b'.repeat(64) },
  ],
  receiptHash: 'c0ffee'.padEnd(64, '0'),
}
