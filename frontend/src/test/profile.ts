// A supplier's profile as the API returns it, for unit tests of the profile pages.
import type { ProfileView } from '../api/client'
import { anonymous, json, mockServer, supplier, type Route } from './fetch'

/** savedProfile is a complete profile at version 3. */
export const savedProfile: ProfileView = {
  organisationId: '9d1c6a52-6a5e-4c1b-8f5a-0a4b2c3d4e5f',
  organisationName: 'Patel Cleaning',
  legalForm: 'sole_trader',
  legalName: 'Sam Patel',
  tradingName: 'Patel Cleaning',
  companiesHouseNumber: '',
  charityNumber: '',
  oscrNumber: '',
  fcaNumber: '',
  vatNumber: '',
  addressLine1: '1 Upper Street',
  addressLine2: '',
  town: 'London',
  postcode: 'N7 0AA',
  localAuthorityCode: 'E09000019',
  localAuthority: 'Islington',
  staffCount: 3,
  turnoverPence: 12_345_600,
  description: 'We clean offices.',
  employeeOwned: false,
  socialEnterprise: false,
  assetLock: false,
  cpvCodes: ['90910000-9'],
  cpvDetails: [{ code: '90910000-9', description: 'Cleaning services' }],
  accreditations: ['ISO 9001', 'Investors in People'],
  contacts: [{ id: 'c1', name: 'Sam Patel', jobTitle: 'Owner', email: 'sam@example.com', phone: '+442079460000' }],
  contactDetails: [
    { id: 'c1', name: 'Sam Patel', jobTitle: 'Owner', email: 'sam@example.com', phone: '+442079460000', phoneSince: '2026-01-01T10:00:00Z' },
  ],
  classification: {
    size: 'micro',
    sizeReason: 'Micro: you told us you have 3 staff (fewer than 10) and a turnover of £123,456 (under £2,000,000).',
    sme: true,
    vcse: false,
    vcseReason: 'Not VCSE: a sole trader counts as VCSE only if it is a social enterprise with an asset lock.',
    locality: 'local',
    localityReason: 'Local: your organisation is based in Islington.',
  },
  declarations: [
    {
      standard: 'london_living_wage',
      title: 'London Living Wage',
      question: 'Do you pay at least the London Living Wage?',
      notApplicableAllowed: false,
      answer: '',
      evidence: '',
    },
    {
      standard: 'safer_urban_driving',
      title: 'Safer Urban Driving',
      question: 'If you operate vehicles, do you meet the Safer Urban Driving standard?',
      notApplicableAllowed: true,
      answer: '',
      evidence: '',
    },
  ],
  complete: false,
  missing: ['the ethical standards declarations'],
  version: 3,
  updatedAt: '2026-11-20T10:00:00Z',
}

/**
 * profileDraftServer stands in for the server's profile draft (GET, PUT and DELETE
 * /api/v1/supplier/profile/draft), holding it in memory; its route answers nothing else.
 */
export function profileDraftServer() {
  const state: { draft?: { baseVersion: number; sections: string[]; answers: Record<string, unknown> } } = {}
  const route = async (req: Request, url: URL) => {
    if (url.pathname !== '/api/v1/supplier/profile/draft') return undefined
    if (req.method === 'PUT') state.draft = await req.json()
    if (req.method === 'DELETE') {
      state.draft = undefined
      return new Response(null, { status: 204 })
    }
    const d = state.draft
    return new Response(
      JSON.stringify(d ? { exists: true, stale: false, ...d } : { exists: false, stale: false, baseVersion: 0, sections: [], answers: {} }),
      { status: 200, headers: { 'Content-Type': 'application/json' } },
    )
  }
  return { state, route }
}

/**
 * profileServer answers as a signed-in supplier whose saved profile is profile, with its draft
 * held by profileDraftServer; extra answers first, if given, and other calls fall through to
 * anonymous ones.
 */
export function profileServer(profile: ProfileView, draft = profileDraftServer(), extra?: Route) {
  return mockServer(async (req, url) => {
    const answer = await extra?.(req, url)
    if (answer) return answer
    if (url.pathname === '/api/v1/supplier/profile/draft') return draft.route(req, url)
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/supplier/profile' && req.method === 'GET') return json(200, profile, { ETag: `"${profile.version}"` })
    return anonymous(req, url)
  })
}
