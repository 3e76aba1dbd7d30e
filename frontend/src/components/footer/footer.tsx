import { Link } from 'react-router'

const links = [
  { to: '/accessibility', text: 'Accessibility statement' },
  { to: '/cookies', text: 'Cookies' },
  { to: '/privacy', text: 'Privacy notice' },
  { to: '/glossary', text: 'Glossary' },
]

/**
 * Footer is the GOV.UK footer with the service's support links. It leaves out the
 * Open Government Licence and Crown copyright marks, which belong to GOV.UK.
 */
export function Footer({ councilName }: { councilName: string }) {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              {links.map((l) => (
                <li className="govuk-footer__inline-list-item" key={l.to}>
                  <Link className="govuk-footer__link" to={l.to}>
                    {l.text}
                  </Link>
                </li>
              ))}
            </ul>
            <div className="govuk-footer__meta-custom">
              {councilName ? `Run by ${councilName} with Fairtender, ` : 'Built with Fairtender, '}
              open-source software for council procurement.
            </div>
          </div>
        </div>
      </div>
    </footer>
  )
}
