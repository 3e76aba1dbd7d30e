// The supplier's profile while they work through its pages: the profile as
// saved (with its ETag), and their answers since. The answers and the ETag they
// started from are kept in sessionStorage, so someone interrupted on a phone
// (a call, a reload, the browser closing the tab in the background) comes back
// to what they had typed; and a save still tells them if someone else saved
// in between, because the ETag is the one they started from.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react'
import { Outlet } from 'react-router'
import { api, callWithResponse, type ProfileView } from '../../api/client'
import { RequireRole, useOrganisationId } from '../../app/require-role'
import type { FieldErrors } from '../../forms/problem'
import { LoadGate } from '../../lib/load-gate'
import { NOTHING_MISSING, useLoad } from '../../lib/use-load'
import { draftFromView, type Draft } from './draft'
import { sectionAnswered, sections, type SectionKey } from './sections'

/** The profile pages' shared state. */
export interface ProfileState {
  view: ProfileView
  /** The ETag of the profile the answers started from: the If-Match of the save. */
  etag: string
  draft: Draft
  /** Whether the answers differ from the saved profile. */
  changed: boolean
  /** Whether a question page has been answered and is complete. */
  isComplete: (key: SectionKey) => boolean
  /** Records a page's answers (and that the page has been answered). */
  update: (key: SectionKey, answers: Partial<Draft>) => void
  /** Errors the server found when saving, by field id, shown on each question page. */
  serverErrors: FieldErrors
  setServerErrors: (errors: FieldErrors) => void
  /** Takes a saved profile as the new starting point, forgetting the answers. */
  saved: (view: ProfileView, etag: string) => void
  /** Forgets the answers and loads the profile as saved now. */
  reload: () => Promise<void>
  /** Loads the saved profile again (after the declarations change) and keeps the answers. */
  refresh: () => Promise<void>
}

interface Stored {
  etag: string
  draft: Draft
  done: SectionKey[]
}

const KEY = 'app-profile:'

function loadStored(org: string): Stored | undefined {
  try {
    const raw = sessionStorage.getItem(KEY + org)
    return raw ? (JSON.parse(raw) as Stored) : undefined
  } catch {
    return undefined
  }
}

function store(org: string, s: Stored | undefined) {
  try {
    if (s) sessionStorage.setItem(KEY + org, JSON.stringify(s))
    else sessionStorage.removeItem(KEY + org)
  } catch {
    // Private browsing may refuse storage; the answers last until a reload.
  }
}

/** etagOf returns the response's ETag, or the one the version implies if a proxy dropped it. */
export function etagOf(response: Response, view: ProfileView): string {
  return response.headers.get('ETag') ?? `"${view.version}"`
}

/** fetchProfile loads a supplier's profile and its ETag. */
export async function fetchProfile(organisationId?: string): Promise<{ view: ProfileView; etag: string }> {
  const { data, response } = await callWithResponse(
    api.GET('/api/v1/supplier/profile', { params: { query: organisationId ? { organisationId } : {} } }),
  )
  return { view: data, etag: etagOf(response, data) }
}

const Ctx = createContext<ProfileState | undefined>(undefined)

/** What the profile pages load: the profile as saved, and the answers since. */
interface Loaded {
  view: ProfileView
  stored: Stored
}

/** ProfileProvider loads the profile once for every profile page under it. */
export function ProfileProvider({ children }: { children: ReactNode }) {
  const org = useOrganisationId() ?? ''
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  // Whether the next load keeps the answers kept in sessionStorage: yes when
  // the pages open, no when the supplier asks to start again from the saved profile.
  const keepAnswers = useRef(true)

  const { load, reload: loadAgain, set } = useLoad<Loaded>(
    async () => {
      const { view, etag } = await fetchProfile(org || undefined)
      const keep = keepAnswers.current
      keepAnswers.current = true
      const kept = keep ? loadStored(org) : undefined
      if (!keep) store(org, undefined)
      return { view, stored: kept ?? { etag, draft: draftFromView(view), done: [] } }
    },
    [org],
    NOTHING_MISSING,
  )

  const update = useCallback(
    (key: SectionKey, answers: Partial<Draft>) => {
      set((d) => {
        const s = d.stored
        const next = { ...s, draft: { ...s.draft, ...answers }, done: s.done.includes(key) ? s.done : [...s.done, key] }
        store(org, next)
        return { ...d, stored: next }
      })
      const section = sections.find((s) => s.key === key)!
      setServerErrors((errs) =>
        Object.fromEntries(Object.entries(errs).filter(([id]) => !section.fields.includes(id) && !section.prefixes?.some((p) => id.startsWith(p)))),
      )
    },
    [org, set],
  )

  const saved = useCallback(
    (v: ProfileView, etag: string) => {
      store(org, undefined)
      set({ view: v, stored: { etag, draft: draftFromView(v), done: [] } })
      setServerErrors({})
    },
    [org, set],
  )

  const reload = useCallback(async () => {
    setServerErrors({})
    keepAnswers.current = false
    await loadAgain()
  }, [loadAgain])

  const refresh = useCallback(async () => {
    try {
      const { view: v } = await fetchProfile(org || undefined)
      set((d) => ({ ...d, view: v }))
    } catch {
      // The page that asked shows its own outcome; the old view is still right enough.
    }
  }, [org, set])

  const value = useMemo<ProfileState | undefined>(() => {
    if (load.kind !== 'ready') return undefined
    const { view, stored } = load.data
    const fresh = JSON.stringify(draftFromView(view))
    return {
      view,
      etag: stored.etag,
      draft: stored.draft,
      changed: JSON.stringify(stored.draft) !== fresh,
      isComplete: (key) => sectionAnswered(key, stored.draft) && (stored.done.includes(key) || view.version > 0),
      update,
      serverErrors,
      setServerErrors,
      saved,
      reload,
      refresh,
    }
  }, [load, update, serverErrors, saved, reload, refresh])

  return (
    <LoadGate
      load={load}
      loadingTitle="Loading your profile"
      refusedTitle="You cannot see this profile"
      refusedDetail="You need to be a member of an organisation to see its profile."
    >
      {() => <Ctx.Provider value={value}>{children}</Ctx.Provider>}
    </LoadGate>
  )
}

/** ProfileLayout is the route element around every profile page: suppliers only. */
export function ProfileLayout() {
  return (
    <RequireRole roles={['supplier']}>
      <ProfileProvider>
        <Outlet />
      </ProfileProvider>
    </RequireRole>
  )
}

/** useProfile returns the profile pages' state; it must be inside ProfileProvider. */
export function useProfile(): ProfileState {
  const p = useContext(Ctx)
  if (!p) throw new Error('profile: useProfile outside ProfileProvider')
  return p
}
