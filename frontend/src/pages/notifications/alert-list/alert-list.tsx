import { Link, useLocation } from 'react-router'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { LoadGate } from '../../../lib/load-gate'
import { alertRefusal, useAlerts, type AlertNotice } from '../alert-state'
import { cpvText, frequencyText, keywordsText, localitiesText, proceduresText, valueText } from '../labels'
import type { Alert } from '../types'

const title = 'Your alerts'

function AlertCard({ alert }: { alert: Alert }) {
  const cpv = cpvText(alert.cpvCodes)
  const hidden = <span className="govuk-visually-hidden"> alert ‘{alert.name}’</span>
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{alert.name}</h2>
        <ul className="govuk-summary-card__actions">
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to={`/alerts/${encodeURIComponent(alert.id)}/edit`}>
              Change{hidden}
            </Link>
          </li>
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to={`/alerts/${encodeURIComponent(alert.id)}/delete`}>
              Delete{hidden}
            </Link>
          </li>
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        {alert.fromProfile && (
          <p className="govuk-body">
            We made this alert from the kinds of work on your{' '}
            <Link className="govuk-link" to="/profile">
              organisation’s profile
            </Link>
            .
          </p>
        )}
        <SummaryList
          rows={[
            { key: 'Words', value: keywordsText(alert.keywords) },
            {
              key: 'Kinds of work',
              value:
                cpv.length === 0 ? (
                  'Any kind of work'
                ) : cpv.length === 1 ? (
                  cpv[0]
                ) : (
                  <ul className="govuk-list">
                    {cpv.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                ),
            },
            { key: 'Where', value: localitiesText(alert.localities) },
            { key: 'Value', value: valueText(alert.minValuePence, alert.maxValuePence) },
            { key: 'Kinds of opportunity', value: proceduresText(alert.procedures) },
            { key: 'Emails', value: frequencyText(alert.frequency) },
          ]}
        />
      </div>
    </div>
  )
}

/**
 * AlertList shows the person's alerts, each described in plain words, with
 * Change and Delete; the first visit makes one from the organisation's kinds
 * of work.
 */
export function AlertList() {
  const load = useAlerts()
  const notice = (useLocation().state as AlertNotice | null)?.notice
  return (
    <LoadGate load={load} {...alertRefusal}>
      {(alerts) => (
        <Page title={title}>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              {notice && <NotificationBanner type="success" heading={notice} />}
              <h1 className="govuk-heading-l">{title}</h1>
              <p className="govuk-body">
                An alert tells you when the council publishes an opportunity that fits your business. We email you and put a message in
                your{' '}
                <Link className="govuk-link" to="/inbox">
                  inbox
                </Link>
                .
              </p>
              <p className="govuk-body">An opportunity matches an alert when it fits everything the alert asks for.</p>
              {alerts.length === 0 ? (
                <>
                  <h2 className="govuk-heading-m">You have no alerts</h2>
                  <p className="govuk-body">
                    Create an alert to hear about work you can bid for. You choose the kinds of work, words to look for, where the work is
                    done, its value, and whether to get an email for each opportunity or one a day.
                  </p>
                </>
              ) : (
                alerts.map((a) => <AlertCard key={a.id} alert={a} />)
              )}
              <Link to="/alerts/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                Create an alert
              </Link>
            </div>
          </div>
        </Page>
      )}
    </LoadGate>
  )
}
