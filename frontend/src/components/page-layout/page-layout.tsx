import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { useLocation } from 'react-router'
import { markNavigated } from '../../app/navigation'
import { api, type Me } from '../../api/client'
import { ADMIN_ROLES, BANK_OFFICER_ROLES, BUYER_ROLES, OFFICER_ROLES } from '../../app/require-role'
import { useSession } from '../../app/session'
import { useSite } from '../../app/site'
import { ActingFor } from '../acting-for/acting-for'
import { Footer } from '../footer/footer'
import { Header } from '../header/header'
import { PhaseBanner } from '../phase-banner/phase-banner'
import { ServiceNavigation, type NavItem } from '../service-navigation/service-navigation'
import { SkipLink } from '../skip-link/skip-link'

/**
 * navItems are the service navigation's links for who is signed in: finding
 * opportunities for everyone; a supplier's inbox (with how many messages are
 * unread), alerts, questions, profile, members and bank details; a buyer's opportunities and suppliers' questions to answer;
 * council staff's suppliers and, for those who check them, bank details changes;
 * and for admins, everyone's accounts.
 */
export function navItems(me: Me | undefined, unread = 0): NavItem[] {
  const find = { to: '/opportunities', text: 'Find opportunities' }
  const lists = { to: '/dps', text: 'Supplier lists' }
  if (!me) return [find, lists, { to: '/sign-in', text: 'Sign in' }]
  const items: NavItem[] = [find, lists]
  if (me.role === 'supplier' && me.emailVerified && (me.organisations ?? []).length > 0) {
    items.push(
      { to: '/inbox', text: unread > 0 ? `Inbox (${unread} unread)` : 'Inbox' },
      { to: '/alerts', text: 'Alerts' },
      { to: '/supplier/bids', text: 'Your bids' },
      { to: '/supplier/questions', text: 'Your questions' },
      { to: '/profile', text: 'Profile' },
      { to: '/members', text: 'Members' },
      { to: '/bank-details', text: 'Bank details' },
    )
  }
  if (BUYER_ROLES.includes(me.role)) items.push(
      { to: '/buying', text: 'Your opportunities' },
      { to: '/buying/questions', text: 'Questions to answer' },
      { to: '/dps/queue', text: 'Applications to decide' },
    )
  if (OFFICER_ROLES.includes(me.role)) items.push({ to: '/suppliers', text: 'Suppliers' })
  if (BANK_OFFICER_ROLES.includes(me.role)) items.push({ to: '/bank-changes', text: 'Bank changes' })
  if (ADMIN_ROLES.includes(me.role)) items.push({ to: '/admin/accounts', text: 'Accounts' })
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

  const me = session.status === 'signed-in' ? session.me : undefined
  const unread = useUnread(me, location.pathname)
  const items = navItems(me, unread)

  return (
    <>
      <SkipLink />
      <Header councilName={site.councilName} />
      <ServiceNavigation serviceName={site.serviceName} items={items} />
      <div className="govuk-width-container">
        <PhaseBanner feedbackUrl={site.feedbackUrl} />
        <ActingFor me={me} />
        <main className="govuk-main-wrapper" id="main-content">
          {children}
        </main>
      </div>
      <Footer councilName={site.councilName} />
    </>
  )
}

/**
 * useUnread is how many inbox messages a verified supplier has not read,
 * checked again on every page so that reading one updates the count.
 */
function useUnread(me: Me | undefined, pathname: string): number {
  const [unread, setUnread] = useState(0)
  const eligible = me?.role === 'supplier' && me.emailVerified
  useEffect(() => {
    if (!eligible) {
      setUnread(0)
      return
    }
    let live = true
    api
      .GET('/api/v1/notifications/unread-count')
      .then(({ data }) => {
        if (live && data) setUnread(data.unread)
      })
      .catch(() => {
        // The count is a nicety: the page works without it.
      })
    return () => {
      live = false
    }
  }, [eligible, pathname])
  return unread
}
