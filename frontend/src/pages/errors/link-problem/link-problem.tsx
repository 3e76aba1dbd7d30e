import type { ReactNode } from 'react'
import { Page } from '../../../components/page/page'

/** Props for LinkProblem. */
export interface LinkProblemProps {
  /** What the server said about the link, if anything. */
  detail?: string
  /** What to do next: usually a link to ask for a new email. */
  children: ReactNode
}

/**
 * LinkProblem is shown when a link from an email does not work: it has expired,
 * it has been used already, or it was copied incompletely.
 */
export function LinkProblem({ detail, children }: LinkProblemProps) {
  const title = 'This link does not work'
  return (
    <Page title={title} focusHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            {detail ||
              'The link may have expired or already been used. If you copied it, check you copied the whole address from the email.'}
          </p>
          <p className="govuk-body">Links in our emails work only once and only for a limited time.</p>
          {children}
        </div>
      </div>
    </Page>
  )
}
