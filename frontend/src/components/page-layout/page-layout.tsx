import { useLayoutEffect, useRef, type ReactNode } from 'react'
import { useLocation } from 'react-router'
import { markNavigated } from '../../app/navigation'
import type { Me } from '../../api/client'
import { BANK_OFFICER_ROLES, OFFICER_ROLES } from '../../app/require-role'
import { useSession } from '../../app/session'
import { useSite } from '../../app/site'
import { Footer } from '../footer/footer'
import { Header } from '../header/header'
import { PhaseBanner } from '../phase-banner/phase-banner'
import { ServiceNavigation, type NavItem } from '../service-navigation/service-navigation'
import { SkipLink } from '../skip-link/skip-link'

/**
 * navItems are the service navigation's links for who is signed in: a
 * supplier's profile, members and bank details; council staff's suppliers and,
 * for those who check them, bank details changes.
 */
export function navItems(me: Me | undefined): NavItem[] {
  if (!me) return [{ to: '/sign-in', text: 'Sign in' }]
  const items: NavItem[] = []
  if (me.role === 'supplier' && me.emailVerified && (me.organisations ?? []).length > 0) {
    items.push({ to: '/profile', text: 'Profile' }, { to: '/members', text: 'Members' }, { to: '/bank-details', text: 'Bank details' })
  }
  if (OFFICER_ROLES.includes(me.role)) items.push({ to: '/suppliers', text: 'Suppliers' })
  if (BANK_OFFICER_ROLES.includes(me.role)) items.push({ to: '/bank-changes', text: 'Bank changes' })
  items.push({ to: '/account', text: 'Your account' }, { to: '/sign-out', text: 'Sign out' })
  return items
}

/**
 * PageLayout is the GOV.UK page template: skip link, header, service navigation,
 * phase banner, the main content and the footer. It notices client-side
 * navigations so that each new page can move focus to its heading.
 */
export function PageLayout({ children }: { children: ReactNode }) {
  const site = useSite()
  const session = useSession()
  const location = useLocation()
  const first = useRef(location.key)

  // A layout effect runs before the new page's own effects, so the page sees
  // that it was navigated to when it decides whether to take focus.
  useLayoutEffect(() => {
    if (location.key !== first.current) markNavigated()
  }, [location.key])

  const items = navItems(session.status === 'signed-in' ? session.me : undefined)

  return (
    <>
      <SkipLink />
      <Header councilName={site.councilName} />
      <ServiceNavigation serviceName={site.serviceName} items={items} />
      <div className="govuk-width-container">
        <PhaseBanner feedbackUrl={site.feedbackUrl} />
        <main className="govuk-main-wrapper" id="main-content">
          {children}
        </main>
      </div>
      <Footer councilName={site.councilName} />
    </>
  )
}
