import { Link, useLocation } from 'react-router'
import { openingPath } from '../../bids/progress'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { CouncilQuestions } from '../../clarifications/council-questions'
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { Tag, type TagColour } from '../../../components/tag/tag'
import { formatDate, formatDateTime } from '../../../format/dates'
import { formatDay } from '../date-time'
import { DeadlineWarnings } from '../deadline-warnings'
import { draftPath } from '../draft'
import { formatSize } from '../documents'
import { documentHref, useOpportunity } from '../opportunity-state'
import { publicPath } from '../published/published'
import { Engagement } from './engagement'

/** What other pages may say to the overview through navigation state. */
export interface OverviewNotice {
  notice?: string
}

const statusColour: Record<string, TagColour> = { open: 'green', closed: 'grey', cancelled: 'red', planned: 'blue' }

/**
 * OpportunityOverview is the buyer's page for a published opportunity: where
 * it stands, its documents and amendments, and what can be done with it now.
 * An open one can be amended or cancelled; a closed one can only be
 * cancelled, and the page says why it cannot be amended.
 */
export function OpportunityOverview() {
  const { view } = useOpportunity()
  const { state } = useLocation()
  const notice = (state as OverviewNotice | null)?.notice
  const open = view.status === 'open'

  const rows: SummaryRow[] = [
    { key: 'Status', value: <Tag colour={statusColour[view.status]}>{view.statusText}</Tag> },
    { key: 'Reference', value: view.reference },
    ...(view.publishedAt ? [{ key: 'Published', value: formatDateTime(view.publishedAt) }] : []),
    { key: 'Deadline for clarification questions', value: view.clarificationDeadline?.text ?? '' },
    { key: 'Deadline for bids', value: `${view.submissionDeadline?.text ?? ''}${open && view.timeLeftText ? ` (${view.timeLeftText})` : ''}` },
    { key: 'Expected award date', value: formatDay(view.expectedAwardOn) },
    { key: 'Estimated value', value: view.valueText },
    ...(view.status === 'cancelled'
      ? [
          { key: 'Cancelled', value: formatDateTime(view.cancelledAt) },
          { key: 'Reason for cancelling', value: <span className="app-pre-line">{view.cancelReason}</span> },
        ]
      : []),
  ]
  const documents = view.documents

  return (
    <Page title={view.title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <span className="govuk-caption-l">{view.reference}</span>
          <h1 className="govuk-heading-l">{view.title}</h1>
          <SummaryList rows={rows} />
          {open && <DeadlineWarnings view={view} />}
          <p className="govuk-body">
            <Link className="govuk-link" to={publicPath(view.id)}>
              See the opportunity as suppliers see it
            </Link>
          </p>
          {(open || view.status === 'closed') && (
            <p className="govuk-body">
              <Link className="govuk-link" to={openingPath(view.id)}>
                Opening of the bids
              </Link>
            </p>
          )}

          {open && (
            <>
              <h2 className="govuk-heading-m">Change or cancel it</h2>
              <p className="govuk-body">
                Suppliers see each amendment with your note, beside what it replaced. Deadlines can only move later.
              </p>
              <div className="govuk-button-group">
                <Link to={draftPath(view.id, 'amend')} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                  Amend
                </Link>
                <Link
                  to={draftPath(view.id, 'amend-document')}
                  role="button"
                  draggable="false"
                  className="govuk-button govuk-button--secondary"
                  data-module="govuk-button"
                >
                  Add or replace a document
                </Link>
              </div>
            </>
          )}
          {view.status === 'closed' && (
            <div className="govuk-inset-text">
              This opportunity closed to bids on {view.submissionDeadline?.text ?? 'its deadline'}, so it can no longer be amended.
            </div>
          )}
          {(open || view.status === 'closed') && (
            <p className="govuk-body">
              <Link className="govuk-link" to={draftPath(view.id, 'cancel')}>
                Cancel this opportunity
              </Link>
            </p>
          )}

          {(open || view.status === 'closed') && <Engagement opportunityId={view.id} />}
          {(open || view.status === 'closed') && <CouncilQuestions opportunityId={view.id} />}

          <h2 className="govuk-heading-m">Documents</h2>
          {documents.length === 0 ? (
            <p className="govuk-body">There are no documents.</p>
          ) : (
            <ul className="govuk-list">
              {documents.map((d) => (
                <li key={d.id}>
                  <a className="govuk-link app-break-words" href={documentHref(view.id, d.id)} download={d.filename}>
                    {d.filename}
                  </a>{' '}
                  <span className="app-secondary-text">
                    ({formatSize(d.size)}
                    {d.current ? '' : `, replaced on ${formatDate(d.supersededAt)}`})
                  </span>
                </li>
              ))}
            </ul>
          )}

          <h2 className="govuk-heading-m">Amendments</h2>
          {view.amendments.length === 0 ? (
            <p className="govuk-body">There have been no amendments.</p>
          ) : (
            view.amendments.map((a) => (
              <div key={a.number} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s">
                  Amendment {a.number}, {formatDateTime(a.createdAt)}
                </h3>
                <p className="govuk-body app-pre-line">{a.note}</p>
                {a.changes.length > 0 && (
                  <SummaryList
                    rows={a.changes.map((c) => ({
                      key: c.label,
                      value: (
                        <>
                          {c.before && (
                            <>
                              <span className="app-secondary-text">Was: </span>
                              <span className="app-break-words">{c.before}</span>
                              <br />
                            </>
                          )}
                          <span className="app-secondary-text">Now: </span>
                          <span className="app-break-words">{c.after}</span>
                        </>
                      ),
                    }))}
                  />
                )}
              </div>
            ))
          )}
          <p className="govuk-body">
            <Link className="govuk-link" to="/buying">
              Back to your opportunities
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
