import { Link, Navigate } from 'react-router'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { draftPath } from '../draft'
import { useOpportunity } from '../opportunity-state'

/** publicPath is the address of an opportunity's public page. */
export function publicPath(id: string): string {
  return `/opportunities/${encodeURIComponent(id)}`
}

/** Published confirms that the opportunity is published, with its reference and a link to its public page. */
export function Published() {
  const { view } = useOpportunity()
  if (view.status === 'draft') return <Navigate to={draftPath(view.id)} replace />
  return (
    <Page title="Opportunity published">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Opportunity published">
            Your reference number
            <br />
            <strong>{view.reference}</strong>
          </Panel>
          <p className="govuk-body">
            ‘{view.title}’ is now public. Suppliers whose alerts match it are being told.
            {view.submissionDeadline && <> Bids must arrive by {view.submissionDeadline.text}.</>}
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={publicPath(view.id)}>
              See the opportunity as suppliers see it
            </Link>
          </p>
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">
            Suppliers can ask clarification questions until {view.clarificationDeadline?.text ?? 'the deadline for questions'}. If you
            need to change anything, amend the opportunity: suppliers see what changed and your note.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={draftPath(view.id)}>
              Manage this opportunity
            </Link>
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/buying">
              Go to your opportunities
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
