import { useEffect, useState } from 'react'
import { Link, useLocation } from 'react-router'
import { api, call } from '../../../api/client'
import { ApiProblemError } from '../../../api/errors'
import type { components } from '../../../api/schema'
import { Button } from '../../../components/button/button'
import { Tag } from '../../../components/tag/tag'
import { formatDate } from '../../../format/dates'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { LoadGate } from '../../../lib/load-gate'
import { alertFromProfile, alertRefusal, setPaused, useAlertList, type AlertNotice } from '../alert-state'
import { cpvText, frequencyText, keywordsText, localitiesText, proceduresText, valueText } from '../labels'
import type { Alert } from '../types'

const title = 'Your alerts'

function AlertCard({ alert, onToggle, busy }: { alert: Alert; onToggle: () => void; busy: boolean }) {
  const cpv = cpvText(alert.cpvCodes)
  const hidden = <span className="govuk-visually-hidden"> alert ‘{alert.name}’</span>
  const paused = !!alert.pausedAt
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">
          {alert.name} {paused && <Tag colour="grey">Paused</Tag>}
        </h2>
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
        {paused && (
          <p className="govuk-body">
            Paused on {formatDate(alert.pausedAt)}: it tells you of nothing until you resume it. Nothing about it has been deleted.
          </p>
        )}
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
        <Button variant="secondary" className="govuk-!-margin-bottom-0" onClick={onToggle} type="button" busy={busy}>
          {paused ? 'Resume' : 'Pause'}
          {hidden}
        </Button>
      </div>
    </div>
  )
}

type OpenMatches = components['schemas']['OpenMatches']

/** OpenNow offers the work already open that an alert just saved matches: the alert tells only of what comes after it. */
function OpenNow({ alertId }: { alertId: string }) {
  const [open, setOpen] = useState<OpenMatches | undefined>()
  useEffect(() => {
    let live = true
    call(api.GET('/api/v1/alerts/{id}/open-matches', { params: { path: { id: alertId } } }))
      .then((r) => live && setOpen(r))
      .catch(() => {}) // an offer, not the page: without it the list still shows
    return () => {
      live = false
    }
  }, [alertId])
  if (!open || open.total === 0) return null
  const shown = open.items.slice(0, 5)
  return (
    <div className="govuk-inset-text" data-testid="open-now">
      <h2 className="govuk-heading-s">
        {open.total === 1 ? '1 opportunity open now matches this alert' : `${open.total} opportunities open now match this alert`}
      </h2>
      <p className="govuk-body">The alert tells you only of what is published from now on, so here is what you could bid for already.</p>
      <ul className="govuk-list">
        {shown.map((o) => (
          <li key={o.id}>
            <Link className="govuk-link" to={`/opportunities/${encodeURIComponent(o.id)}`}>
              {o.title}
            </Link>{' '}
            <span className="app-secondary-text">(bids by {o.deadlineText})</span>
          </li>
        ))}
      </ul>
      {open.total > shown.length && <p className="govuk-body">And {open.total - shown.length} more, closing later.</p>}
    </div>
  )
}

/**
 * AlertList shows the person's alerts, each described in plain words, with
 * Change and Delete; the first visit makes one from the organisation's kinds
 * of work.
 */
export function AlertList() {
  const { load, set } = useAlertList()
  const navState = useLocation().state as AlertNotice | null
  const sent = navState?.notice
  const [said, setSaid] = useState<{ type: 'success' | 'important'; text: string } | undefined>()
  const [busy, setBusy] = useState('')
  const notice = said ?? (sent ? { type: 'success' as const, text: sent } : undefined)

  const toggle = async (a: Alert) => {
    if (busy) return
    setBusy(a.id)
    try {
      const now = await setPaused(a.id, !a.pausedAt)
      set((list) => list.map((x) => (x.id === now.id ? now : x)))
      setSaid({ type: 'success', text: now.pausedAt ? `Alert ‘${now.name}’ paused.` : `Alert ‘${now.name}’ resumed: you will hear of new matches again.` })
    } catch {
      setSaid({ type: 'important', text: 'We could not change the alert. Try again.' })
    } finally {
      setBusy('')
    }
  }
  const remake = async () => {
    if (busy) return
    setBusy('profile')
    try {
      const made = await alertFromProfile()
      set((list) => [...list, made])
      setSaid({ type: 'success', text: 'Alert made from your profile.' })
    } catch (err) {
      const detail = err instanceof ApiProblemError ? err.problem.detail : undefined
      setSaid({ type: 'important', text: detail || 'We could not make the alert. Try again.' })
    } finally {
      setBusy('')
    }
  }

  return (
    <LoadGate load={load} {...alertRefusal}>
      {(alerts) => (
        <Page title={title}>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              {notice && <NotificationBanner type={notice.type} heading={notice.text} />}
              {navState?.alertId && !said && <OpenNow alertId={navState.alertId} />}
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
                alerts.map((a) => <AlertCard key={a.id} alert={a} onToggle={() => toggle(a)} busy={busy === a.id} />)
              )}
              <div className="govuk-button-group">
                <Link to="/alerts/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                  Create an alert
                </Link>
                {!alerts.some((a) => a.fromProfile) && (
                  <Button variant="secondary" type="button" onClick={remake} busy={busy === 'profile'}>
                    Make an alert from your profile
                  </Button>
                )}
              </div>
            </div>
          </div>
        </Page>
      )}
    </LoadGate>
  )
}
