// One opportunity while the buyer works on it: the opportunity as saved, with
// the ETag every save sends as If-Match, the errors the server found when
// publishing (shown on each task's page), and which tasks the buyer has saved.
import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { Outlet, useParams } from 'react-router'
import { api, call, callWithResponse } from '../../api/client'
import type { FieldErrors } from '../../forms/problem'
import { LoadGate } from '../../lib/load-gate'
import { useLoad } from '../../lib/use-load'
import type { Opportunity, OpportunityDocument, OpportunityInput, TaskKey } from './draft'

/** CONFLICT_MESSAGE says a save was refused because someone else saved first (412). */
export const CONFLICT_MESSAGE =
  'Someone else changed this opportunity while you were working on it, so your changes on this page were not saved. This page now shows their version: make your changes again.'

/** etagOf returns the response's ETag, or the one the version implies if a proxy dropped it. */
export function etagOf(response: Response, view: Opportunity): string {
  return response.headers.get('ETag') ?? `"${view.version}"`
}

/** fetchOpportunity loads an opportunity (a draft too, for buyers) with its ETag. */
export async function fetchOpportunity(id: string): Promise<{ view: Opportunity; etag: string }> {
  const { data, response } = await callWithResponse(api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } }))
  return { view: data, etag: etagOf(response, data) }
}

/** saveDraft replaces a draft, if it is still at etag; otherwise the server answers 412 and nothing is written. */
export async function saveDraft(id: string, etag: string, input: OpportunityInput): Promise<{ view: Opportunity; etag: string }> {
  const { data, response } = await callWithResponse(
    api.PUT('/api/v1/opportunities/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body: input }),
  )
  return { view: data, etag: etagOf(response, data) }
}

/** What an upload says about its file. */
export interface DocumentUpload {
  filename: string
  contentType: string
  /** What the document is or what changed: required once published. */
  note?: string
  /** The ID of the document it replaces. */
  replaces?: string
}

/**
 * uploadDocument sends the file itself as the request body, streamed by the
 * browser, through the same client as every other call (CSRF header, refresh,
 * errors); what it is goes in the query string.
 */
export async function uploadDocument(id: string, file: Blob, u: DocumentUpload): Promise<OpportunityDocument> {
  const { contentType, ...rest } = u
  const query = Object.fromEntries(Object.entries(rest).filter(([, v]) => v)) as Omit<DocumentUpload, 'contentType'>
  return call(
    api.POST('/api/v1/opportunity-uploads/{id}', {
      params: { path: { id }, query, header: { 'Content-Type': contentType } },
      // The schema has no request body (huma does not read it); the file goes as it is.
      body: file as never,
      bodySerializer: (b: unknown) => b as BodyInit,
    }),
  )
}

/** documentHref is where a document of an opportunity is downloaded from. */
export function documentHref(opportunityId: string, documentId: string): string {
  return `/api/v1/opportunities/${encodeURIComponent(opportunityId)}/documents/${encodeURIComponent(documentId)}`
}

/** The shared state of the pages of one opportunity. */
export interface OpportunityState {
  view: Opportunity
  /** The ETag of the opportunity as loaded: the If-Match of the next save. */
  etag: string
  /** Takes an opportunity the server returned (after a save, publish, amendment) as the latest. */
  replace: (view: Opportunity, etag: string) => void
  /** Loads the opportunity again. */
  reload: () => Promise<void>
  /** After a 412: loads the latest version and has the page say why its answers changed. */
  conflicted: () => Promise<void>
  /** Whether the page should say that someone else's changes replaced the buyer's. */
  conflict: boolean
  /** Counts conflicts: each one starts the page again from the latest version. */
  generation: number
  clearConflict: () => void
  /** Errors the server found when publishing, by field id, shown on each task's page. */
  serverErrors: FieldErrors
  setServerErrors: (errors: FieldErrors) => void
  /** The tasks the buyer has saved. */
  done: TaskKey[]
  /** Records that the buyer saved a task's page, and forgets the server's errors on it. */
  markDone: (key: TaskKey, fields: string[]) => void
}

const Ctx = createContext<OpportunityState | undefined>(undefined)

const DONE_KEY = 'app-buying-done:'

function loadDone(id: string): TaskKey[] {
  try {
    return JSON.parse(localStorage.getItem(DONE_KEY + id) ?? '[]') as TaskKey[]
  } catch {
    return []
  }
}

function storeDone(id: string, done: TaskKey[]) {
  try {
    localStorage.setItem(DONE_KEY + id, JSON.stringify(done))
  } catch {
    // Private browsing may refuse storage; the task list then asks again after a reload.
  }
}

/** OpportunityProvider loads the opportunity once for every page under it. */
export function OpportunityProvider({ id, children }: { id: string; children: ReactNode }) {
  const { load, reload, set } = useLoad(() => fetchOpportunity(id), [id])
  const [conflict, setConflict] = useState(false)
  const [generation, setGeneration] = useState(0)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const [done, setDone] = useState<TaskKey[]>(() => loadDone(id))

  useEffect(() => setDone(loadDone(id)), [id])

  const replace = useCallback((view: Opportunity, etag: string) => set({ view, etag }), [set])
  const conflicted = useCallback(async () => {
    await reload()
    setConflict(true)
    setGeneration((g) => g + 1)
  }, [reload])
  const clearConflict = useCallback(() => setConflict(false), [])
  const markDone = useCallback(
    (key: TaskKey, fields: string[]) => {
      setDone((d) => {
        const next = d.includes(key) ? d : [...d, key]
        storeDone(id, next)
        return next
      })
      setServerErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([f]) => !fields.some((p) => f === p || f.startsWith(`${p}-`)))))
      setConflict(false)
    },
    [id],
  )

  const value = useMemo<OpportunityState | undefined>(
    () =>
      load.kind === 'ready'
        ? {
            view: load.data.view,
            etag: load.data.etag,
            replace,
            reload,
            conflicted,
            conflict,
            generation,
            clearConflict,
            serverErrors,
            setServerErrors,
            done,
            markDone,
          }
        : undefined,
    [load, replace, reload, conflicted, conflict, generation, clearConflict, serverErrors, done, markDone],
  )

  return (
    <LoadGate load={load} refusedTitle="You cannot see this opportunity" refusedDetail="Only council buyers can see draft opportunities.">
      {() => <Ctx.Provider value={value}>{children}</Ctx.Provider>}
    </LoadGate>
  )
}

/**
 * OpportunityLayout is the route element around the pages of one opportunity.
 * After a save refused with 412 the page starts again from the latest version
 * (the Outlet is keyed by the count of conflicts), so it shows what is saved now.
 */
export function OpportunityLayout() {
  const { id = '' } = useParams()
  return (
    <OpportunityProvider id={id}>
      <KeyedOutlet />
    </OpportunityProvider>
  )
}

function KeyedOutlet() {
  const { generation } = useOpportunity()
  return <Outlet key={generation} />
}

/** useOpportunity returns the opportunity pages' state; it must be inside OpportunityProvider. */
export function useOpportunity(): OpportunityState {
  const s = useContext(Ctx)
  if (!s) throw new Error('buying: useOpportunity outside OpportunityProvider')
  return s
}

/**
 * after runs a navigation and the change of opportunity it follows as one
 * update. React Router navigates in a transition; taking the new opportunity
 * in the same transition stops the page being left from redrawing first with
 * it (a published draft would send its check page back to the task list).
 */
export function after(update: () => void) {
  startTransition(update)
}
