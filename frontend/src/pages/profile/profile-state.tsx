// The supplier's profile while they work through its pages: the profile as
// saved (with its ETag), and their answers since. The answers are kept on the
// server as each page is continued from (GET/PUT /api/v1/supplier/profile/draft),
// so what was typed on a laptop is there on the phone, and for the organisation's
// other members; and a save still tells them if someone else saved in between,
// because the ETag is that of the version the answers started from.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { Outlet } from 'react-router'
import { api, call, callWithResponse, type ProfileView } from '../../api/client'
import { ApiProblemError } from '../../api/errors'
import { RequireRole, useOrganisationId } from '../../app/require-role'
import { fieldIdFor, type FieldErrors, type SummaryError } from '../../forms/problem'
import { LoadGate } from '../../lib/load-gate'
import { NOTHING_MISSING, useLoad } from '../../lib/use-load'
import { answersFromDraft, draftFromAnswers, draftFromView, type Draft } from './draft'
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
  /**
   * Records a page's answers (and that the page has been answered) on the server; resolves
   * to the problems that stop it, shown on the page, or undefined once kept.
   */
  update: (key: SectionKey, answers: Partial<Draft>) => Promise<SummaryError[] | undefined>
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

/** fetchDraft loads the answers being edited, or undefined when nobody is editing the profile. */
async function fetchDraft(organisationId: string): Promise<Stored | undefined> {
  const d = await call(api.GET('/api/v1/supplier/profile/draft', { params: { query: organisationId ? { organisationId } : {} } }))
  if (!d.exists) return undefined
  return { etag: `"${d.baseVersion}"`, draft: draftFromAnswers(d.answers), done: d.sections as SectionKey[] }
}

/** saveDraft keeps the answers on the server. */
async function saveDraft(organisationId: string, s: Stored): Promise<void> {
  await call(
    api.PUT('/api/v1/supplier/profile/draft', {
      params: { query: organisationId ? { organisationId } : {} },
      body: { baseVersion: Number(s.etag.replace(/\D/g, '')) || 0, sections: s.done, answers: answersFromDraft(s.draft) },
    }),
  )
}

/** The message when the answers could not be kept: the page keeps them, to try again. */
export const NOT_KEPT = 'Your answers could not be saved just now. Check your connection and press Continue again.'

/** draftProblems turns the server's refusal of a draft into the page's errors. */
function draftProblems(err: unknown): SummaryError[] {
  if (err instanceof ApiProblemError && err.status === 422 && err.problem.errors?.length) {
    return err.problem.errors.map((e) => ({ text: e.message ?? 'Check this answer', field: fieldIdFor(e.location?.replace(/^body\.answers\./, 'body.')) }))
  }
  if (err instanceof ApiProblemError && err.problem.detail) return [{ text: err.problem.detail }]
  return [{ text: NOT_KEPT }]
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
  const { load, reload: loadAgain, set } = useLoad<Loaded>(
    async () => {
      const [{ view, etag }, kept] = await Promise.all([fetchProfile(org || undefined), fetchDraft(org)])
      return { view, stored: kept ?? { etag, draft: draftFromView(view), done: [] } }
    },
    [org],
    NOTHING_MISSING,
  )

  const update = useCallback(
    async (key: SectionKey, answers: Partial<Draft>) => {
      if (load.kind !== 'ready') return [{ text: NOT_KEPT }]
      const s = load.data.stored
      const next = { ...s, draft: { ...s.draft, ...answers }, done: s.done.includes(key) ? s.done : [...s.done, key] }
      try {
        await saveDraft(org, next)
      } catch (err) {
        return draftProblems(err)
      }
      set((d) => ({ ...d, stored: next }))
      const section = sections.find((sec) => sec.key === key)!
      setServerErrors((errs) =>
        Object.fromEntries(Object.entries(errs).filter(([id]) => !section.fields.includes(id) && !section.prefixes?.some((p) => id.startsWith(p)))),
      )
      return undefined
    },
    [org, set, load],
  )

  const saved = useCallback(
    (v: ProfileView, etag: string) => {
      // The server ended the draft when it saved the profile.
      set({ view: v, stored: { etag, draft: draftFromView(v), done: [] } })
      setServerErrors({})
    },
    [set],
  )

  const reload = useCallback(async () => {
    setServerErrors({})
    try {
      await call(api.DELETE('/api/v1/supplier/profile/draft', { params: { query: org ? { organisationId: org } : {} } }))
    } catch {
      // Loading again shows what is kept; a draft that could not be forgotten is shown again.
    }
    await loadAgain()
  }, [org, loadAgain])

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
