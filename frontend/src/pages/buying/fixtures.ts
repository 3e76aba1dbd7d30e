// Opportunities as the API returns them, for unit tests of the buyer pages.
import { anonymous, json, mockServer, type Route } from '../../test/fetch'
import type { Opportunity } from './draft'

/** A signed-in buyer, as GET /api/v1/me returns one. */
export const buyer = {
  id: '5a0e8c2e-0000-4000-8000-000000000001',
  email: 'bola@council.example',
  name: 'Bola Buyer',
  role: 'buyer' as const,
  emailVerified: true,
  organisations: [],
}

/** A deadline as the API writes it, at a moment given in UTC. */
export function deadline(at: Date) {
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(at)
    .replace(' ', 'T')
  return { at: at.toISOString(), local, text: `text of ${local}` }
}

const DAY = 86_400_000

/** completeDraft is a draft with every task done, its deadline 40 days away, at version 4. */
export function completeDraft(overrides: Partial<Opportunity> = {}): Opportunity {
  const sub = new Date(Date.now() + 40 * DAY)
  const clar = new Date(Date.now() + 30 * DAY)
  return {
    id: 'opp-1',
    reference: 'FT-2026-000123',
    status: 'draft',
    statusText: 'Draft',
    title: 'Window cleaning for libraries',
    summary: 'Clean the windows of 10 libraries every month.',
    description: 'Full details of the work.',
    procedure: 'open_tender',
    procedureLabel: 'Open tender',
    cpvCodes: [{ code: '90911300-9', description: 'Window-cleaning services' }],
    lots: [],
    estimatedValuePence: 12_000_000,
    valueText: '£120,000 (without VAT)',
    contractMonths: 24,
    contractLengthText: '2 years',
    placeOfDelivery: 'E09000019',
    placeOfDeliveryName: 'Islington',
    locality: 'local',
    suitableForSmes: true,
    suitableForVcses: false,
    reserved: 'none',
    whoCanBid: ['Anyone'],
    timeLeftText: '',
    clarificationDeadline: deadline(clar),
    submissionDeadline: deadline(sub),
    expectedAwardOn: new Date(Date.now() + 60 * DAY).toISOString().slice(0, 10),
    criteria: [
      { name: 'Price', kind: 'price', description: '', weightBp: 5000, weightText: '50%' },
      { name: 'Quality', kind: 'quality', description: '', weightBp: 3000, weightText: '30%' },
      { name: 'Social value', kind: 'social_value', description: '', weightBp: 2000, weightText: '20%' },
    ],
    socialValueWeightBp: 2000,
    socialValueWeightText: '20%',
    socialValueJustification: '',
    shortPeriodReason: '',
    documents: [],
    amendments: [],
    updatedAt: new Date().toISOString(),
    version: 4,
    publishProblems: [],
    publishWarnings: [],
    ...overrides,
  }
}

/** emptyDraft is a draft just created, with its title and procedure. */
export function emptyDraft(overrides: Partial<Opportunity> = {}): Opportunity {
  return completeDraft({
    summary: '',
    description: '',
    cpvCodes: [],
    estimatedValuePence: 0,
    valueText: '',
    contractMonths: 0,
    contractLengthText: '',
    placeOfDelivery: '',
    placeOfDeliveryName: '',
    suitableForSmes: false,
    clarificationDeadline: undefined,
    submissionDeadline: undefined,
    expectedAwardOn: '',
    criteria: [],
    socialValueWeightBp: 0,
    socialValueWeightText: '0%',
    version: 1,
    publishProblems: [
      { field: 'summary', message: 'Enter a summary in plain English of what the council wants' },
      { field: 'description', message: 'Enter a full description of the work' },
      { field: 'cpvCodes', message: 'Add at least one CPV code' },
      { field: 'estimatedValuePence', message: 'Enter the estimated value, without VAT' },
      { field: 'contractMonths', message: 'Enter how many months the contract lasts' },
      { field: 'placeOfDelivery', message: 'Choose where the work will be done' },
      { field: 'criteria', message: 'Add the criteria bids will be judged on, with their weights' },
    ],
    ...overrides,
  })
}

/**
 * serveOpportunity answers the calls the buyer pages make about one
 * opportunity: who is signed in, GET (with its ETag), and whatever more
 * answers; anything else is the anonymous default or a 404.
 */
export function serveOpportunity(view: () => Opportunity, more: Route = () => undefined): Request[] {
  return mockServer(async (req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, buyer)
    const answer = await more(req, url)
    if (answer) return answer
    if (url.pathname === `/api/v1/opportunities/${view().id}` && req.method === 'GET') {
      return json(200, view(), { ETag: `"${view().version}"` })
    }
    return anonymous(req, url)
  })
}
