import { Link } from 'react-router'
import { useSite } from '../../../app/site'
import { Page } from '../../../components/page/page'

/** PrivacyNotice says what the service stores about suppliers and people, and why. */
export function PrivacyNotice() {
  const { serviceName, councilName, feedbackUrl } = useSite()
  const council = councilName || 'The council'
  const title = 'Privacy notice'
  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            {council} is the data controller for {serviceName}. This notice explains what we keep about you and your
            organisation, why we keep it and what your rights are.
          </p>

          <h2 className="govuk-heading-m">What we keep</h2>
          <p className="govuk-body">About your organisation:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>its name, what type of organisation it is and, later, its address and registration numbers</li>
            <li>its size and whether it is a voluntary, community or social enterprise organisation</li>
            <li>the work it wants to hear about, its bids, the questions it asks and the feedback it receives</li>
            <li>the declarations it makes, for example that it pays the London Living Wage</li>
          </ul>
          <p className="govuk-body">About you:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>your name and email address</li>
            <li>a scrambled (hashed) form of your password, which nobody can turn back into your password</li>
            <li>when you signed in and what you changed, so that we can check who did what</li>
          </ul>

          <h2 className="govuk-heading-m">Why we keep it</h2>
          <p className="govuk-body">We use this information to:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>let you sign in and act for your organisation</li>
            <li>tell you about work that suits your organisation</li>
            <li>run fair and open competitions for council contracts, as the law requires</li>
            <li>publish contract awards, without personal or commercially confidential information</li>
            <li>measure how much council spending goes to small and local organisations</li>
          </ul>
          <p className="govuk-body">
            Our lawful basis is that this is necessary for the council&rsquo;s public tasks, including its duties under
            the Procurement Act 2023 and the Public Contracts Regulations 2015.
          </p>

          <h2 className="govuk-heading-m">How long we keep it</h2>
          <p className="govuk-body">
            We keep records of bids and contracts for as long as the law requires us to, usually 6 years after a
            contract ends. If you close your account, we delete your personal details unless they form part of those
            records.
          </p>

          <h2 className="govuk-heading-m">Who we share it with</h2>
          <p className="govuk-body">
            Council officers see what they need to run each competition. We do not sell your information or use it for
            marketing. We use{' '}
            <Link className="govuk-link" to="/cookies">
              essential cookies only
            </Link>
            .
          </p>

          <h2 className="govuk-heading-m">Your rights</h2>
          <p className="govuk-body">
            You can ask to see the information we hold about you, ask us to correct it and, in some cases, ask us to
            delete it or stop using it.{' '}
            {feedbackUrl ? (
              <a className="govuk-link" href={feedbackUrl}>
                Contact us
              </a>
            ) : (
              'Contact the council'
            )}{' '}
            to do this. If you are unhappy with how we use your information, you can complain to the Information
            Commissioner&rsquo;s Office (ICO).
          </p>
        </div>
      </div>
    </Page>
  )
}
