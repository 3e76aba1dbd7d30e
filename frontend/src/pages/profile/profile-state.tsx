// The supplier's profile while they work through its pages: the profile as
// saved (with its ETag), and their answers since. The answers and the ETag they
// started from are kept in sessionStorage, so someone interrupted on a phone
// (a call, a reload, the browser closing the tab in the background) comes back
// to what they had typed; and a save still tells them if someone else saved
// in between, because the ETag is the one they started from.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Outlet } from 'react-router'
import { api, callWithResponse, type ProfileView } from '../../api/client'
import { isProblem } from '../../api/errors'
import { RequireRole, useOrganisationId } from '../../app/require-role'
import { Page } from '../../components/page/page'
import type { FieldErrors } from '../../forms/problem'
import { ServiceProblem } from '../errors/service-problem/service-problem'
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

type Load = { kind: 'loading' } | { kind: 'down' } | { kind: 'refused'; detail: string } | { kind: 'ready' }

/** ProfileProvider loads the profile once for every profile page under it. */
export function ProfileProvider({ children }: { children: ReactNode }) {
  const org = useOrganisationId() ?? ''
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [view, setView] = useState<ProfileView | undefined>()
  const [stored, setStored] = useState<Stored | undefined>()
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const asked = useRef('')

  const fetchInto = useCallback(
    async (keepAnswers: boolean) => {
      try {
        const { view: v, etag } = await fetchProfile(org || undefined)
        setView(v)
        const kept = keepAnswers ? loadStored(org) : undefined
        if (!keepAnswers) store(org, undefined)
        setStored(kept ?? { etag, draft: draftFromView(v), done: [] })
        setLoad({ kind: 'ready' })
      } catch (err) {
        if (isProblem(err)) setLoad({ kind: 'refused', detail: err.problem.detail ?? '' })
        else setLoad({ kind: 'down' })
      }
    },
    [org],
  )

  useEffect(() => {
    // Once per organisation, even when React runs effects twice in development.
    if (asked.current === org) return
    asked.current = org
    void fetchInto(true)
  }, [org, fetchInto])

  const update = useCallback(
    (key: SectionKey, answers: Partial<Draft>) => {
      setStored((s) => {
        if (!s) return s
        const next = { ...s, draft: { ...s.draft, ...answers }, done: s.done.includes(key) ? s.done : [...s.done, key] }
        store(org, next)
        return next
      })
      const section = sections.find((s) => s.key === key)!
      setServerErrors((errs) =>
        Object.fromEntries(Object.entries(errs).filter(([id]) => !section.fields.includes(id) && !section.prefixes?.some((p) => id.startsWith(p)))),
      )
    },
    [org],
  )

  const saved = useCallback(
    (v: ProfileView, etag: string) => {
      store(org, undefined)
      setView(v)
      setStored({ etag, draft: draftFromView(v), done: [] })
      setServerErrors({})
    },
    [org],
  )

  const reload = useCallback(async () => {
    setServerErrors({})
    await fetchInto(false)
  }, [fetchInto])

  const refresh = useCallback(async () => {
    try {
      const { view: v } = await fetchProfile(org || undefined)
      setView(v)
    } catch {
      // The page that asked shows its own outcome; the old view is still right enough.
    }
  }, [org])

  const value = useMemo<ProfileState | undefined>(() => {
    if (!view || !stored) return undefined
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
  }, [view, stored, update, serverErrors, saved, reload, refresh])

  if (load.kind === 'down') return <ServiceProblem />
  if (load.kind === 'refused') {
    return (
      <Page title="You cannot see this profile">
        <h1 className="govuk-heading-l">You cannot see this profile</h1>
        <p className="govuk-body">{load.detail || 'You need to be a member of an organisation to see its profile.'}</p>
      </Page>
    )
  }
  if (!value) {
    return (
      <Page title="Loading your profile">
        <h1 className="govuk-heading-l">Loading your profile</h1>
        <p className="govuk-body" role="status">
          Please wait.
        </p>
      </Page>
    )
  }
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>
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
