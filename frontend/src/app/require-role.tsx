// Pages for one kind of person: a supplier, or council staff in certain roles.
// The API refuses everyone else anyway; this only spares them a page of errors.
import type { ReactNode } from 'react'
import { Link, Navigate, Outlet, useLocation } from 'react-router'
import type { Me } from '../api/client'
import { Page } from '../components/page/page'
import { LoadingPage } from '../lib/load-gate'
import { ServiceProblem } from '../pages/errors/service-problem/service-problem'
import { useChosenOrganisation } from './acting-for'
import { useSession } from './session'

/** A role a person signs in with. */
export type Role = Me['role']

/** Every role: for pages any signed-in person with a confirmed email address may use. */
export const ALL_ROLES: Role[] = ['supplier', 'buyer', 'evaluator', 'case_officer', 'admin']
/** The council staff roles that may look at suppliers. */
export const OFFICER_ROLES: Role[] = ['buyer', 'evaluator', 'case_officer', 'admin']
/** The council staff roles that check bank details changes. */
export const BANK_OFFICER_ROLES: Role[] = ['buyer', 'admin']
/** The council staff roles that create, publish and amend opportunities. */
export const BUYER_ROLES: Role[] = ['buyer', 'admin']
/** The roles that manage everyone's accounts. */
export const ADMIN_ROLES: Role[] = ['admin']

/** NotAllowed is the page for someone signed in whose role cannot use a page. */
export function NotAllowed() {
  const title = 'You cannot use this page'
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">This page is for a different kind of account from yours.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/account">
              Go to your account
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}

/**
 * RequireRole shows its children only to a signed-in person with one of the
 * roles. Others are sent to sign in (and brought back here afterwards); a
 * supplier who has not confirmed their email address goes to their account
 * page, which asks them to.
 */
export function RequireRole({ roles, allowUnverified = false, children }: { roles: Role[]; allowUnverified?: boolean; children: ReactNode }) {
  const session = useSession()
  const { pathname, search } = useLocation()
  if (session.status === 'loading') return <LoadingPage />
  if (session.status === 'unknown') return <ServiceProblem />
  if (session.status === 'signed-out' || !session.me) return <Navigate to="/sign-in" state={{ next: pathname + search }} replace />
  if (!roles.includes(session.me.role)) return <NotAllowed />
  if (!session.me.emailVerified && !allowUnverified) return <Navigate to="/account" replace />
  return <>{children}</>
}

/**
 * Only is a route element that lets people in the roles see the pages under it;
 * allowUnverified lets in those who have not confirmed their email address yet.
 */
export function Only({ roles, allowUnverified }: { roles: Role[]; allowUnverified?: boolean }) {
  return (
    <RequireRole roles={roles} allowUnverified={allowUnverified}>
      <Outlet />
    </RequireRole>
  )
}

/**
 * useOrganisationId is the organisation a supplier acts for: the one chosen in
 * this browser ("Acting for", shown to people in several), or their first. The
 * API refuses to guess for someone in several, so every page that acts for an
 * organisation names it.
 */
export function useOrganisationId(): string | undefined {
  const orgs = useSession().me?.organisations ?? []
  const chosen = useChosenOrganisation()
  return (orgs.find((o) => o.id === chosen) ?? orgs[0])?.id
}
