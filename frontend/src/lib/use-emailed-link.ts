// Following a link from an email: the page sends the link's token once and
// says what came of it.
import { useEffect, useRef, useState } from 'react'
import { isProblem } from '../api/errors'
import { useSession } from '../app/session'
import { linkProblem } from '../forms/problem'

/** What came of sending an emailed link's token. */
export type LinkOutcome<T> = { kind: 'checking' } | { kind: 'done'; result: T } | { kind: 'bad-link'; detail: string } | { kind: 'down' }

/**
 * useEmailedLink sends token with send once (even when React runs effects twice
 * in development), then asks who is signed in again, since following the link
 * changed the account. A missing token is a bad link.
 */
export function useEmailedLink<T>(token: string, send: (token: string) => Promise<T>): LinkOutcome<T> {
  const session = useSession()
  const [outcome, setOutcome] = useState<LinkOutcome<T>>(token ? { kind: 'checking' } : { kind: 'bad-link', detail: '' })
  const sent = useRef('')
  useEffect(() => {
    if (!token || sent.current === token) return
    sent.current = token
    send(token)
      .then((result) => {
        setOutcome({ kind: 'done', result })
        void session.reload()
      })
      .catch((err: unknown) => {
        if (isProblem(err)) setOutcome({ kind: 'bad-link', detail: linkProblem(err.problem) ?? err.problem.detail ?? '' })
        else setOutcome({ kind: 'down' })
      })
  }, [token, send, session])
  return outcome
}
