// A stand-in for the bids API in these pages' unit tests: it keeps one bid,
// checks If-Match as the server does, and records every request.
import { json, mockServer, supplier, anonymous } from '../../test/fetch'
import { view } from '../opportunities/fixtures'
import type { OpportunityView } from '../opportunities/types'
import type { BidForm, BidInput, BidView } from './api-types'
import { answer, bid as makeBid, form as defaultForm, ids } from './fixtures'

/** What the stand-in holds; tests change it to set the scene. */
export interface BidServer {
  bid: BidView
  form: BidForm
  opportunity: OpportunityView
  /** Answers the next PUT with 412 after someone else's change, applied to the bid. */
  theirChange?: (b: BidView) => BidView
  requests: Request[]
  /** Extra routes, tried first. */
  extra?: (req: Request, url: URL) => Response | undefined | Promise<Response | undefined>
}

/** bidServer starts the stand-in with a signed-in supplier. */
export function bidServer(over: Partial<BidServer> = {}): BidServer {
  const s: BidServer = { bid: makeBid(), form: defaultForm, opportunity: view, requests: [], ...over }
  s.requests = mockServer(async (req, url) => {
    const extra = await s.extra?.(req, url)
    if (extra) return extra
    const p = url.pathname
    if (p === '/api/v1/me') return json(200, supplier)
    if (p === `/api/v1/opportunities/${ids.opportunity}`) return json(200, s.opportunity)
    if (p === `/api/v1/opportunities/${ids.opportunity}/response-form`) return json(200, s.form)
    if (p === `/api/v1/bids/${ids.bid}` && req.method === 'GET') return json(200, s.bid, { ETag: `"${s.bid.version}"` })
    if (p === `/api/v1/bids/${ids.bid}` && req.method === 'PUT') {
      if (s.theirChange) {
        s.bid = { ...s.theirChange(s.bid), version: s.bid.version + 1 }
        s.theirChange = undefined
      }
      if (req.headers.get('If-Match') !== `"${s.bid.version}"`) return json(412, { status: 412, title: 'Precondition Failed' })
      const input = (await req.json()) as BidInput
      const answers = [...(s.bid.answers ?? [])]
      const given = input.answers ?? []
      for (const a of given) {
        const i = answers.findIndex((x) => x.questionId === a.questionId)
        const merged = answer({
          ...(i >= 0 ? answers[i] : {}),
          ...Object.fromEntries(Object.entries(a).filter(([, v]) => v != null)),
          questionId: a.questionId,
          ...(a.text != null ? { wordCount: a.text.trim().split(/\s+/).filter(Boolean).length } : {}),
        })
        if (i >= 0) answers[i] = merged
        else answers.push(merged)
      }
      s.bid = {
        ...s.bid,
        lotIds: input.lotIds ?? s.bid.lotIds,
        answers,
        missing: (s.bid.missing ?? []).filter((m) => !given.some((a) => a.questionId === m.questionId)),
        version: s.bid.version + 1,
        lastChange: { by: 'Sam Patel', at: '2026-06-20T13:05:00Z', questionId: given[0]?.questionId ?? '' },
      }
      return json(200, s.bid, { ETag: `"${s.bid.version}"` })
    }
    return anonymous(req, url)
  })
  return s
}

/** bodies lists the JSON bodies of the requests made with method to path. */
export async function bodies(s: BidServer, method: string, path: string): Promise<unknown[]> {
  const hits = s.requests.filter((r) => r.method === method && new URL(r.url).pathname === path)
  return Promise.all(hits.map((r) => r.clone().json() as Promise<unknown>))
}
