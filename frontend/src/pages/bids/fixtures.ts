// A response form, bids and receipts as the API returns them, for these pages' unit tests.
import { view } from '../opportunities/fixtures'
import type { OpportunityView } from '../opportunities/types'
import type { BidForm, BidReceipt, BidView } from './api-types'

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

/** A response form with one question of each kind. */
export const form: BidForm = {
  opportunityId: ids.opportunity,
  version: 1,
  twoStage: false,
  questions: [
    { id: ids.insured, number: 1, kind: 'pass_fail', title: 'Do you hold £5m public liability insurance?', required: true, requiredAnswer: 'yes', envelope: 'quality' },
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
    { id: ids.plan, number: 3, kind: 'document', title: 'Upload your method statement', required: true, documentTypes: ['pdf', 'docx'], maxFiles: 2, envelope: 'quality' },
    {
      id: ids.price,
      number: 4,
      kind: 'price',
      title: 'Your prices',
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
    { id: ids.social, number: 5, kind: 'social_value', title: 'Local jobs', required: false, wordLimit: 300, criterion: 'Local jobs', weightShareBp: 10000, envelope: 'quality' },
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
    missing: form.questions.filter((q) => q.required).map((q) => ({ questionId: q.id, field: 'answer', message: `Answer ‘${q.title}’` })),
    totals: [],
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

/** The receipt of version 1 of the bid. */
export const receipt: BidReceipt = {
  reference: 'BID-7K2M9Q',
  bidId: ids.bid,
  version: 1,
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
