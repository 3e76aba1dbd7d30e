import { useLayoutEffect, useRef, type ReactNode } from 'react'
import { useLocation } from 'react-router'
import { markNavigated } from '../../app/navigation'
import { useSession } from '../../app/session'
import { useSite } from '../../app/site'
import { Footer } from '../footer/footer'
import { Header } from '../header/header'
import { PhaseBanner } from '../phase-banner/phase-banner'
import { ServiceNavigation, type NavItem } from '../service-navigation/service-navigation'
import { SkipLink } from '../skip-link/skip-link'

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

  const items: NavItem[] =
    session.status === 'signed-in'
      ? [
          { to: '/account', text: 'Your account' },
          { to: '/sign-out', text: 'Sign out' },
        ]
      : [{ to: '/sign-in', text: 'Sign in' }]

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
