import { Link, useLocation } from 'react-router'

/** A link in the service navigation. */
export interface NavItem {
  to: string
  text: string
}

/**
 * ServiceNavigation is the GOV.UK service navigation: the service's name and its
 * main links. The links never collapse behind a menu button, so no script is needed.
 */
export function ServiceNavigation({ serviceName, items }: { serviceName: string; items: NavItem[] }) {
  const { pathname } = useLocation()
  return (
    <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link to="/" className="govuk-service-navigation__link">
              {serviceName}
            </Link>
          </span>
          {items.length > 0 && (
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <ul className="govuk-service-navigation__list" id="navigation">
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
