import { Link } from 'react-router'
import { useSite } from '../../../app/site'
import { StartButton } from '../../../components/button/button'
import { ComingSoon } from '../../../components/coming-soon/coming-soon'
import { Page } from '../../../components/page/page'

/** Start is the service's start page: who it is for, what they can do, how long it takes. */
export function Start() {
  const { serviceName, councilName } = useSite()
  const council = councilName || 'the council'
  return (
    <Page title={serviceName}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">{serviceName}</h1>
          <p className="govuk-body-l">
            Use this service to find and bid for work with {council} if you run a small business, a charity, a social
            enterprise or a community group.
          </p>
          <p className="govuk-body">Once you have registered, you will be able to:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>find contracts that match the work you do</li>
            <li>get an email when new work that fits you is published</li>
            <li>ask the council questions about a contract before you bid</li>
            <li>join a list of approved suppliers for a type of work</li>
            <li>send your bid online, sealed so that nobody can read it before the deadline</li>
          </ul>
          <ComingSoon />
          <p className="govuk-body">Registering is free and takes about 5 minutes.</p>
          <StartButton to="/register/organisation-name">Start now</StartButton>

          <h2 className="govuk-heading-m">Before you start</h2>
          <p className="govuk-body">You will need:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>your organisation&rsquo;s name and what type of organisation it is</li>
            <li>an email address you can get to now</li>
          </ul>
          <p className="govuk-body">
            You do not need to be a big company, have bid for council work before, or pay anyone to help you.
          </p>
          <p className="govuk-body">
            Some words used in council buying can be unfamiliar. Our{' '}
            <Link className="govuk-link" to="/glossary">
              glossary
            </Link>{' '}
            explains them in plain English.
          </p>

          <h2 className="govuk-heading-m">If you already have an account</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="/sign-in">
              Sign in
            </Link>
            .
          </p>
        </div>
      </div>
    </Page>
  )
}
