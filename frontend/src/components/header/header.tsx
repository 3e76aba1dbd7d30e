import { Link } from 'react-router'

/**
 * Header is the GOV.UK header with the council's name where GOV.UK services put
 * the crown: this service is not on GOV.UK, so it must not use the GOV.UK logo.
 */
export function Header({ councilName }: { councilName: string }) {
  return (
    <header className="govuk-header" data-module="govuk-header">
      <div className="govuk-header__container govuk-width-container">
        <div className="govuk-header__logo">
          <Link to="/" className="govuk-header__link govuk-header__link--homepage">
            <span className="app-header__council-name">{councilName || 'Council services'}</span>
          </Link>
        </div>
      </div>
    </header>
  )
}
