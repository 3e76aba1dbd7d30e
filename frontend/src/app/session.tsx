// Who is signed in. The session itself lives in HttpOnly cookies, so the only
// way to know is to ask GET /api/v1/me.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { api, call, type Me } from '../api/client'
import { isProblem } from '../api/errors'

/** loading: not asked yet; unknown: the service did not answer. */
export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'unknown'

/** The session as the pages see it. */
export interface Session {
  status: SessionStatus
  me?: Me
  /** Records who signed in (from the login answer) without asking again. */
  signedIn: (me: Me) => void
  signedOut: () => void
  /** Asks the server again, e.g. after the email address has been confirmed. */
  reload: () => Promise<void>
}

const SessionContext = createContext<Session | undefined>(undefined)

/** SessionProvider asks who is signed in when the app starts. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading')
  const [me, setMe] = useState<Me | undefined>()

  const reload = useCallback(async () => {
    try {
      const who = await call(api.GET('/api/v1/me'))
      setMe(who)
      setStatus('signed-in')
    } catch (err) {
      setMe(undefined)
      setStatus(isProblem(err, 401) ? 'signed-out' : 'unknown')
    }
  }, [])

  useEffect(() => {
    void reload()
  }, [reload])

  const value = useMemo<Session>(
    () => ({
      status,
      me,
      signedIn: (who) => {
        setMe(who)
        setStatus('signed-in')
      },
      signedOut: () => {
        setMe(undefined)
        setStatus('signed-out')
      },
      reload,
    }),
    [status, me, reload],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

/** useSession returns the current session; it must be inside SessionProvider. */
export function useSession(): Session {
  const s = useContext(SessionContext)
  if (!s) throw new Error('session: useSession outside SessionProvider')
  return s
}
