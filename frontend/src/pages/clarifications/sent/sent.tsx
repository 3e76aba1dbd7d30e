import { Link, Navigate, useLocation, useParams } from 'react-router'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import type { Sent as SentState } from '../ask/ask'

/**
 * Sent confirms a question has reached the council: its reference and when
 * the council aims to answer. Without a question just sent (a reload), it
 * goes to the supplier's questions, where the same is shown.
 */
export function Sent() {
  const { id = '' } = useParams()
  const q = (useLocation().state as SentState | null)?.sent
  if (!q) return <Navigate to="/supplier/questions" replace />
  const title = 'Question sent'
  return (
    <Page title={title} focusHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title={title}>
            Your reference
            <br />
            <strong>{q.threadRef}</strong>
          </Panel>
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">
            {q.answerByText
              ? `The council aims to answer by ${q.answerByText}.`
              : 'The council will answer as soon as it can.'}{' '}
            We will tell you in your inbox and by email when it does.
          </p>
          <p className="govuk-body">
            {q.answerPrivately
              ? 'You asked for a private answer. If the council agrees, only your organisation will see it; if not, it will publish the question and answer for everyone, without saying who asked.'
              : `The council will publish the question and its answer on the ${q.dpsId ? 'list' : 'opportunity'}’s page for everyone, without saying who asked. It may reword the question to leave out anything that would show it was you.`}
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/supplier/questions">
              See your questions
            </Link>
          </p>
          <p className="govuk-body">
            {q.dpsId ? (
              <Link className="govuk-link" to={`/dps/${encodeURIComponent(id)}#questions`}>
                Back to {q.dpsTitle || 'the list'}
              </Link>
            ) : (
              <Link className="govuk-link" to={`/opportunities/${encodeURIComponent(id)}#questions`}>
                Back to {q.opportunityTitle || 'the opportunity'}
              </Link>
            )}
          </p>
        </div>
      </div>
    </Page>
  )
}
