import type { ReactNode } from 'react'
import { Link, useLocation } from 'react-router'
import { useSession } from '../../app/session'

/** Props for SupplierOnly. */
export interface SupplierOnlyProps {
  /** What the supplier can do, after "Sign in to" and "Confirm your email address to": "ask a question". */
  action: string
  /** The part of this page to come back to after signing in: "questions" for #questions. */
  anchor: string
  children: ReactNode
}

/**
 * SupplierOnly shows an action on a public page (ask a question, start a bid)
 * only to a signed-in supplier with a confirmed email address: someone signed
 * out is offered to sign in and come back here; council staff see nothing.
 */
export function SupplierOnly({ action, anchor, children }: SupplierOnlyProps) {
  const session = useSession()
  const { pathname, search } = useLocation()
  if (session.status === 'loading' || session.status === 'unknown') return null
  if (session.status === 'signed-out' || !session.me) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to="/sign-in" state={{ next: `${pathname}${search}#${anchor}` }}>
          Sign in to {action}
        </Link>
      </p>
    )
  }
  if (session.me.role !== 'supplier') return null
  if (!session.me.emailVerified) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to="/account">
          Confirm your email address
        </Link>{' '}
        to {action}.
      </p>
    )
  }
  return <>{children}</>
}
