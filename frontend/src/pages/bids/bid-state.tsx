// One bid while its organisation works on it: the bid as saved with the ETag
// every save sends as If-Match, its response form and its opportunity, shared
// by every page under /bids/:bidId.
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react'
import { Outlet, useParams } from 'react-router'
import { api, call } from '../../api/client'
import { isProblem } from '../../api/errors'
import { LoadGate } from '../../lib/load-gate'
import { useLoad } from '../../lib/use-load'
import type { OpportunityView } from '../opportunities/types'
import { fetchBid, fetchForm, saveBid } from './api'
import type { BidForm, BidInput, BidView } from './api-types'

/** CONFLICT_MESSAGE says a save was refused because someone else saved first (412). */
export const CONFLICT_MESSAGE =
  'Someone else in your organisation changed this bid while you were working on it, so your changes on this page were not saved. The page now shows their version: check it and make your changes again.'

/** What the pages of one bid share. */
export interface BidState {
  bid: BidView
  etag: string
  form: BidForm
  opportunity: OpportunityView
  /** Saves answers; resolves to 'conflict' after a 412, when the page shows the other person's version. */
  save: (input: BidInput) => Promise<'saved' | 'conflict'>
  /** Takes a bid the server returned (after a withdrawal) as the latest. */
  replace: (bid: BidView) => void
  reload: () => Promise<void>
  /** Whether the page should say that someone else's changes replaced this person's. */
  conflict: boolean
  /** Counts conflicts, so that a page starts again from the latest version. */
  generation: number
  clearConflict: () => void
}

interface Loaded {
  bid: BidView
  etag: string
  form: BidForm
  opportunity: OpportunityView
}

const Ctx = createContext<BidState | undefined>(undefined)

async function loadAll(bidId: string, signal: AbortSignal): Promise<Loaded> {
  const { bid, etag } = await fetchBid(bidId, signal)
  const [form, opportunity] = await Promise.all([
    fetchForm(bid.opportunityId, signal),
    call(api.GET('/api/v1/opportunities/{id}', { params: { path: { id: bid.opportunityId } }, signal })),
  ])
  return { bid, etag, form, opportunity }
}

/** BidProvider loads the bid once for every page under it. */
export function BidProvider({ bidId, children }: { bidId: string; children: ReactNode }) {
  const { load, reload, set } = useLoad((signal) => loadAll(bidId, signal), [bidId], { missing: [403, 404, 422] })
  const [conflict, setConflict] = useState(false)
  const [generation, setGeneration] = useState(0)
  const clearConflict = useCallback(() => setConflict(false), [])

  return (
    <LoadGate load={load} loadingMessage="Loading your bid." refusedTitle="You cannot see this bid" onRetry={() => void reload()}>
      {(data) => {
        const state: BidState = {
          ...data,
          save: async (input) => {
            try {
              const { bid, etag } = await saveBid(data.bid.id, data.etag, input)
              set((d) => ({ ...d, bid, etag }))
              setConflict(false)
              return 'saved'
            } catch (err) {
              if (!isProblem(err, 412)) throw err
              const latest = await fetchBid(data.bid.id)
              set((d) => ({ ...d, ...latest }))
              setConflict(true)
              setGeneration((g) => g + 1)
              return 'conflict'
            }
          },
          replace: (bid) => set((d) => ({ ...d, bid, etag: `"${bid.version}"` })),
          reload,
          conflict,
          generation,
          clearConflict,
        }
        return <Ctx.Provider value={state}>{children}</Ctx.Provider>
      }}
    </LoadGate>
  )
}

/** BidLayout is the route element over a bid's pages. */
export function BidLayout() {
  const { bidId = '' } = useParams()
  return (
    <BidProvider bidId={bidId}>
      <Outlet />
    </BidProvider>
  )
}

/** useBid is the bid the page is about. */
export function useBid(): BidState {
  const s = useContext(Ctx)
  if (!s) throw new Error('useBid: no BidProvider above this page')
  return s
}
