// DPSs, applications and the queue as the API returns them, for the unit
// tests of these pages, and a stand-in server that answers for them.
import { anonymous, json, mockServer, supplier, type Route } from '../../test/fetch'
import type { Application, Call, Dps, QueueItem } from './types'

/** A signed-in buyer, as GET /api/v1/me returns one. */
export const buyer = {
  id: '5a0e8c2e-0000-4000-8000-000000000001',
  email: 'bola@council.example',
  name: 'Bola Buyer',
  role: 'buyer' as const,
  emailVerified: true,
  organisations: [],
}

/** The IDs the fixtures use. */
export const ids = {
  dps: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  homeCare: 'a1a1a1a1-0000-4000-8000-000000000001',
  respite: 'a1a1a1a1-0000-4000-8000-000000000002',
  wage: 'b2b2b2b2-0000-4000-8000-000000000001',
  insurance: 'b2b2b2b2-0000-4000-8000-000000000002',
  staff: 'b2b2b2b2-0000-4000-8000-000000000003',
  app: 'c3c3c3c3-0000-4000-8000-000000000001',
  certificate: 'e5e5e5e5-0000-4000-8000-000000000001',
  opportunity: 'd4d4d4d4-0000-4000-8000-000000000001',
}

/** homeCare builds an open pcr2015 DPS with two categories and three questions. */
export function homeCare(over: Partial<Dps> = {}): Dps {
  return {
    id: ids.dps,
    reference: 'DPS-2026-0001',
    status: 'open',
    title: 'Home care and support',
    description: 'Care at home for older and disabled residents.\n\nAbout £4m a year.',
    regime: 'pcr2015',
    regimeText: 'Dynamic purchasing system (Public Contracts Regulations 2015)',
    startsOn: '2026-04-01',
    endsOn: '2030-03-31',
    feeBp: 0,
    feeDescription: '',
    decisionDays: 10,
    publishedAt: '2026-03-01T09:00:00Z',
    firstCallFrom: '2026-03-31T09:00:00Z',
    version: 3,
    categories: [
      {
        id: ids.homeCare,
        name: 'Home care',
        description: 'Personal care in people’s homes.',
        cpvCodes: ['85312000-9'],
        cpvDetails: [{ code: '85312000-9', description: 'Social work services without accommodation' }],
        maxContractValuePence: 50_000_000,
        area: 'E09000019',
        areaName: 'Islington',
        admitted: 12,
        admittedSmes: 9,
        admittedVcses: 3,
        admittedLocal: 5,
      },
      {
        id: ids.respite,
        name: 'Respite care',
        description: '',
        cpvCodes: ['85311000-2'],
        cpvDetails: [{ code: '85311000-2', description: 'Social work services with accommodation' }],
        maxContractValuePence: 0,
        area: '',
        admitted: 0,
        admittedSmes: 0,
        admittedVcses: 0,
        admittedLocal: 0,
      },
    ],
    questions: [
      { id: ids.wage, kind: 'yes_no', text: 'Do you pay the London Living Wage?', hint: '', categoryIds: [], profileField: '' },
      { id: ids.insurance, kind: 'document', text: 'Public liability insurance', hint: '', categoryIds: [], profileField: 'insurance:public_liability' },
      { id: ids.staff, kind: 'number', text: 'How many care workers do you employ?', hint: 'Count full-time equivalents.', categoryIds: [ids.homeCare], profileField: '' },
    ],
    ...over,
  }
}

/**
 * draftApplication builds an unsent application with the insurance answered
 * from the profile: its certificate is the file that answers that question.
 */
export function draftApplication(over: Partial<Application> = {}): Application {
  return {
    id: ids.app,
    dpsId: ids.dps,
    dpsTitle: 'Home care and support',
    dpsReference: 'DPS-2026-0001',
    organisationId: supplier.organisations[0].id,
    organisationName: 'Patel Cleaning',
    status: 'draft',
    categories: [{ categoryId: ids.homeCare, name: 'Home care', status: 'requested', reason: '' }],
    answers: [
      { questionId: ids.wage, kind: 'yes_no', text: 'Do you pay the London Living Wage?', hint: '', value: '', fromProfile: false },
      {
        questionId: ids.insurance,
        kind: 'document',
        text: 'Public liability insurance',
        hint: '',
        value: 'pl.pdf, £5000000 cover, valid until 2027-03-31',
        fromProfile: true,
        document: {
          filename: 'pl.pdf',
          size: 48_213,
          sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
          url: `/api/v1/insurances/${ids.certificate}/document`,
        },
      },
      { questionId: ids.staff, kind: 'number', text: 'How many care workers do you employ?', hint: 'Count full-time equivalents.', value: '', fromProfile: false },
    ],
    extended: false,
    extensionReason: '',
    version: 1,
    maxDocumentBytes: 100 * 1024 * 1024,
    ...over,
  }
}

/** submittedApplication builds an application waiting for a decision, due in 3 working days. */
export function submittedApplication(over: Partial<Application> = {}): Application {
  const d = draftApplication()
  return draftApplication({
    status: 'submitted',
    answers: d.answers.map((a) => ({ ...a, value: a.value || (a.kind === 'yes_no' ? 'yes' : '14') })),
    submittedAt: '2027-01-04T10:00:00Z',
    dueAt: '2027-01-12T10:00:00Z',
    workingDaysLeft: 3,
    version: 2,
    ...over,
  })
}

/** queueItem builds one line of the queue. */
export function queueItem(over: Partial<QueueItem> = {}): QueueItem {
  return { ...submittedApplication(), overdue: false, dueSoon: false, ...over }
}

/** linkedCall is an opportunity linked to the home care category, which nobody is in yet. */
export function linkedCall(over: Partial<Call> = {}): Call {
  return {
    opportunityId: ids.opportunity,
    dpsId: ids.dps,
    dpsTitle: 'Home care and support',
    categoryIds: [ids.respite],
    categories: ['Respite care'],
    warnings: ['Nobody is admitted to "Respite care" yet, so nobody would be invited to bid.'],
    invited: 0,
    ...over,
  }
}

/** serve answers who is signed in (me), then more, then the anonymous defaults; it returns the requests made. */
export function serve(me: object | undefined, more: Route): Request[] {
  return mockServer(async (req, url) => {
    if (url.pathname === '/api/v1/me' && me) return json(200, me)
    const answer = await more(req, url)
    if (answer) return answer
    return anonymous(req, url)
  })
}

/** problem builds a problem+json answer with field errors. */
export function problem(status: number, errors: { location?: string; message: string }[] = [], detail?: string): Response {
  return json(status, { status, title: status === 409 ? 'Conflict' : 'Unprocessable Entity', detail, errors })
}
