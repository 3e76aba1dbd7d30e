import { useSite } from '../../../app/site'
import { Page } from '../../../components/page/page'

/** AccessibilityStatement says how accessible the service is and how to report a problem. */
export function AccessibilityStatement() {
  const { serviceName, councilName, feedbackUrl } = useSite()
  const council = councilName || 'The council'
  const title = 'Accessibility statement'
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            This statement applies to {serviceName}. {council} runs this service. We want as many people as possible to
            be able to use it. For example, you should be able to:
          </p>
          <ul className="govuk-list govuk-list--bullet">
            <li>change colours, contrast levels and fonts using your browser or device settings</li>
            <li>zoom in up to 400% without the text spilling off the screen</li>
            <li>get from the start of the service to the end using just a keyboard</li>
            <li>use the service with a screen reader or speech recognition software</li>
            <li>use the service on a screen as narrow as 320 pixels</li>
          </ul>
          <p className="govuk-body">We have also made the text as simple as possible to understand.</p>

          <h2 className="govuk-heading-m">How accessible this service is</h2>
          <p className="govuk-body">
            We build the service with the GOV.UK Design System, whose components are tested with disabled people and
            assistive technologies. Every page is checked automatically against the Web Content Accessibility
            Guidelines (WCAG) version 2.2 AA standard each time the service changes, and the sign-in journey is tested
            using only a keyboard.
          </p>
          <p className="govuk-body">
            Documents that councils attach to contracts, such as specifications, may not be fully accessible. Ask the
            council for the document in another format if you cannot use it.
          </p>

          <h2 className="govuk-heading-m">Feedback and contact information</h2>
          <p className="govuk-body">
            If you find a problem or need information in a different format, such as large print, easy read, an audio
            recording or braille,{' '}
            {feedbackUrl ? (
              <a className="govuk-link" href={feedbackUrl}>
                contact us
              </a>
            ) : (
              'contact the council'
            )}
            . We will reply within 5 working days.
          </p>

          <h2 className="govuk-heading-m">Enforcement procedure</h2>
          <p className="govuk-body">
            The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies
            (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we
            respond to your complaint, contact the Equality Advisory and Support Service (EASS).
          </p>

          <h2 className="govuk-heading-m">Compliance status</h2>
          <p className="govuk-body">
            This service is designed to be fully compliant with the Web Content Accessibility Guidelines version 2.2 AA
            standard. It is new, and we will update this statement after it has been independently audited.
          </p>
        </div>
      </div>
    </Page>
  )
}
