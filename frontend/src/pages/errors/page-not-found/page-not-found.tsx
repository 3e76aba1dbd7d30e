import { Link } from 'react-router'
import { Page } from '../../../components/page/page'

/** PageNotFound is the GOV.UK "page not found" page for unknown addresses. */
export function PageNotFound() {
  return (
    <Page title="Page not found">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Page not found</h1>
          <p className="govuk-body">If you typed the web address, check it is correct.</p>
          <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
          <p className="govuk-body">
            If the web address is correct or you selected a link or button,{' '}
            <Link className="govuk-link" to="/">
              go to the start page
            </Link>
            .
          </p>
        </div>
      </div>
    </Page>
  )
}
