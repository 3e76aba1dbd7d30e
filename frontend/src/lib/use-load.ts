// Loading what a page shows: one hook for every page that asks the API before
// it can draw itself, so that each page tells "still loading", "no such thing",
// "the server said no" and "the service is down" apart in the same way.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { ApiProblemError, isProblem, type Problem } from '../api/errors'

/** The state of loading something for a page. */
export type Load<T> =
  | { kind: 'loading' }
  | { kind: 'down' }
  | { kind: 'missing' }
  | { kind: 'refused'; status: number; detail: string; problem: Problem }
  | { kind: 'ready'; data: T }

/** How useLoad reads a refusal. */
export interface LoadOptions {
  /**
   * Which 4xx answers mean there is no such thing (the page not found): 404
   * unless told otherwise; 'any' for a page named by an address whose every
   * refusal is as good as not found (an officer's record of one supplier).
   * Any other 4xx is a refusal, with the server's reason.
   */
  missing?: readonly number[] | 'any'
}

/**
 * NOTHING_MISSING is for a page with nothing named in its address (the
 * organisation's own list): every refusal, a 404 too, is the server's reason,
 * said on the page.
 */
export const NOTHING_MISSING: LoadOptions = { missing: [] }

/** failed reports whether a load has ended without what was asked for. */
export function failed<T>(load: Load<T>): load is LoadFailure {
  return load.kind === 'down' || load.kind === 'missing' || load.kind === 'refused'
}

/** What useLoad gives a page. */
export interface Loaded<T> {
  load: Load<T>
  /** Asks again, keeping what is shown until the answer comes (after a change the page made). */
  reload: () => Promise<void>
  /**
   * Takes newer data the page already has, such as the answer to a save, or
   * changes what was loaded (a function of it; nothing happens before it has loaded).
   */
  set: (data: T | ((current: T) => T)) => void
}

/**
 * notFound is what a loader throws when what it found is not what the page is
 * for (a change no longer in the queue): the page not found, as for a 404.
 */
export function notFound(): ApiProblemError {
  return new ApiProblemError(404, { status: 404, title: 'Not Found' })
}

/** A load that did not bring what was asked for. */
export type LoadFailure = Extract<Load<never>, { kind: 'down' | 'missing' | 'refused' }>

/** loadFailure is the state a failed load leaves a page in. */
export function loadFailure(err: unknown, missing: LoadOptions['missing'] = [404]): LoadFailure {
  if (!isProblem(err)) return { kind: 'down' }
  if (missing === 'any' || missing.includes(err.status)) return { kind: 'missing' }
  return { kind: 'refused', status: err.status, detail: err.problem.detail ?? '', problem: err.problem }
}

/**
 * useLoad runs loader when the page mounts and again whenever deps change
 * (showing loading in between, as a new page would), and gives its answer as
 * a Load. An answer that arrives after the page has gone, or after deps have
 * changed, is dropped, and the loader's signal is aborted.
 */
export function useLoad<T>(loader: (signal: AbortSignal) => Promise<T>, deps: DependencyList, options: LoadOptions = {}): Loaded<T> {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' })
  // The loader is a new closure on every render; deps say when it asks for something else.
  const latest = useRef({ loader, missing: options.missing })
  latest.current = { loader, missing: options.missing }
  // Counts runs, so that only the newest run's answer is taken.
  const run = useRef(0)
  const current = useRef<AbortController | undefined>(undefined)

  const start = useCallback(async (): Promise<void> => {
    current.current?.abort()
    const controller = new AbortController()
    current.current = controller
    const n = ++run.current
    const { loader: load, missing } = latest.current
    try {
      const data = await load(controller.signal)
      if (n === run.current && !controller.signal.aborted) setLoad({ kind: 'ready', data })
    } catch (err) {
      if (n === run.current && !controller.signal.aborted) setLoad(loadFailure(err, missing))
    }
  }, [])

  useEffect(() => {
    setLoad({ kind: 'loading' })
    void start()
    return () => {
      run.current++
      current.current?.abort()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  const set = useCallback((data: T | ((current: T) => T)) => {
    if (typeof data === 'function') {
      const change = data as (current: T) => T
      setLoad((l) => (l.kind === 'ready' ? { kind: 'ready', data: change(l.data) } : l))
      return
    }
    // A load still on its way would otherwise overwrite what the page was given.
    run.current++
    current.current?.abort()
    setLoad({ kind: 'ready', data })
  }, [])

  return { load, reload: start, set }
}
