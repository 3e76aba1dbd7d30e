import { Link } from 'react-router'
import { Button } from '../../../components/button/button'
import { Page } from '../../../components/page/page'

/** The title of the page shown when the service cannot answer. */
export const SERVICE_PROBLEM_TITLE = 'Sorry, there is a problem with the service'

/**
 * ServiceProblem is the GOV.UK "there is a problem with the service" page, shown
 * in place of a page whose request could not be answered. With onRetry it offers
 * to go back to the form, whose answers are kept.
 */
export function ServiceProblem({ onRetry }: { onRetry?: () => void }) {
  return (
    <Page title={SERVICE_PROBLEM_TITLE} focusHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{SERVICE_PROBLEM_TITLE}</h1>
          <p className="govuk-body">Try again later.</p>
          {onRetry ? (
            <>
              <p className="govuk-body">We have kept the answers you gave on this page.</p>
              <Button type="button" onClick={onRetry}>
                Go back and try again
              </Button>
            </>
          ) : (
            <p className="govuk-body">
              <Link className="govuk-link" to="/">
                Go to the start page
              </Link>
            </p>
          )}
          <p className="govuk-body">
            If the problem continues, the council may be updating the service. You can still read the{' '}
            <Link className="govuk-link" to="/glossary">
              glossary
            </Link>{' '}
            while you wait.
          </p>
        </div>
      </div>
    </Page>
  )
}
