import { useLayoutEffect, useRef } from 'react'
import { Link, useLocation } from 'react-router'
import { ServiceNavigation as Script } from 'govuk-frontend/dist/govuk/components/service-navigation/service-navigation.mjs'

/** A link in the service navigation. */
export interface NavItem {
  to: string
  text: string
}

// The id govuk-frontend's template gives the list the Menu button controls.
const NAVIGATION_ID = 'navigation'

/**
 * ServiceNavigation is the GOV.UK service navigation: the service's name and its
 * main links. With more than one link, a phone shows them behind govuk-frontend's
 * "Menu" button, as its template does (collapseNavigationOnMobile defaults to
 * more than one item); from tablet width the links are always shown.
 *
 * govuk-frontend's own script does the folding. It is imported with the page,
 * not lazily, and started in a layout effect, so that a phone never paints the
 * open list first and then folds it (a layout shift on every page). Without it
 * (no JavaScript support, or in a test without govuk-frontend's CSS) the button
 * stays hidden and the links stay in view, as the published component does.
 */
export function ServiceNavigation({ serviceName, items }: { serviceName: string; items: NavItem[] }) {
  const { pathname } = useLocation()
  const collapse = items.length > 1
  const root = useRef<HTMLElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)

  useLayoutEffect(() => {
    // React's development mode runs effects twice; govuk-frontend refuses to
    // start twice on one element, and refuses where its CSS or the browser's
    // support is missing: in each case the links simply stay in view.
    if (root.current && !root.current.hasAttribute('data-govuk-service-navigation-init')) {
      try {
        new Script(root.current)
      } catch {
        // The plain list is the fallback.
      }
    }
  }, [collapse])

  // A new page folds the menu again, as the next page load would in a site
  // without client-side navigation. The button's published state is its
  // aria-expanded, so a click (the script's own handler) closes it.
  useLayoutEffect(() => {
    const button = toggle.current
    if (button && button.getAttribute('aria-expanded') === 'true') button.click()
  }, [pathname])

  return (
    // A new root when the button comes or goes, because the script starts once per root.
    <section
      key={collapse ? 'menu' : 'list'}
      ref={root}
      aria-label="Service information"
      className="govuk-service-navigation"
      data-module="govuk-service-navigation"
    >
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link to="/" className="govuk-service-navigation__link">
              {serviceName}
            </Link>
          </span>
          {items.length > 0 && (
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              {collapse && (
                <button
                  type="button"
                  ref={toggle}
                  className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                  aria-controls={NAVIGATION_ID}
                  hidden
                  aria-hidden="true"
                >
                  Menu
                </button>
              )}
              <ul className="govuk-service-navigation__list" id={NAVIGATION_ID}>
                {items.map((item) => {
                  // A section's link stays current on the pages inside it.
                  const current = pathname === item.to || pathname.startsWith(`${item.to}/`)
                  return (
                    <li
                      key={item.to}
                      className={`govuk-service-navigation__item${current ? ' govuk-service-navigation__item--active' : ''}`}
                    >
                      <Link className="govuk-service-navigation__link" to={item.to} aria-current={current ? 'page' : undefined}>
                        {current ? (
                          <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
                        ) : (
                          item.text
                        )}
                      </Link>
                    </li>
                  )
                })}
              </ul>
            </nav>
          )}
        </div>
      </div>
    </section>
  )
}
