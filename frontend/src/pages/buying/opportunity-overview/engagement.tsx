// How much the market has noticed a published opportunity: who registered
// interest, and how many bids there are once (and only once) they are opened.
import { useEffect, useState } from 'react'
import { api, call } from '../../../api/client'
import type { components } from '../../../api/schema'
import { formatDateTime } from '../../../format/dates'
import { fetchOpening } from '../../bids/api'
import type { BidOpening } from '../../bids/api-types'

type Interested = components['schemas']['Interested']

/** Loaded is a section's data, or 'failed' when it could not be had (the rest of the page still works). */
type Loaded<T> = T | 'failed' | undefined

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * Engagement shows the buyer who registered interest in the opportunity
 * (organisations, earliest first) and what can be said of its bids: before
 * opening only that they are sealed, never how many; after it, the count.
 */
export function Engagement({ opportunityId }: { opportunityId: string }) {
  const [interested, setInterested] = useState<Loaded<Interested>>()
  const [opening, setOpening] = useState<Loaded<BidOpening>>()
  useEffect(() => {
    let live = true
    call(api.GET('/api/v1/opportunities/{id}/interested', { params: { path: { id: opportunityId } } }))
      .then((r) => live && setInterested(r))
      .catch(() => live && setInterested('failed'))
    fetchOpening(opportunityId)
      .then((r) => live && setOpening(r))
      .catch(() => live && setOpening('failed'))
    return () => {
      live = false
    }
  }, [opportunityId])

  return (
    <>
      <h2 className="govuk-heading-m">Interest and bids</h2>
      {interested === undefined ? (
        <p className="govuk-body">Loading who has registered interest.</p>
      ) : interested === 'failed' ? (
        <p className="govuk-body">We could not load who has registered interest. Reload the page to try again.</p>
      ) : interested.organisations === 0 ? (
        <p className="govuk-body" data-testid="interest-count">
          No supplier has registered interest yet.
        </p>
      ) : (
        <>
          <p className="govuk-body" data-testid="interest-count">
            {plural(interested.organisations, 'organisation has', 'organisations have')} registered interest
            {interested.people > interested.organisations ? ` (${plural(interested.people, 'person', 'people')})` : ''}. They hear of every
            amendment and are reminded of the deadline.
          </p>
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Who has registered interest</span>
            </summary>
            <div className="govuk-details__text">
              <ul className="govuk-list">
                {interested.items.map((o) => (
                  <li key={o.organisationId}>
                    <span className="app-break-words">{o.organisationName}</span>{' '}
                    <span className="app-secondary-text">
                      (since {formatDateTime(o.since)}
                      {o.people > 1 ? `, ${o.people} people` : ''})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          </details>
        </>
      )}
      {opening === 'failed' ? (
        <p className="govuk-body">We could not load where the opening of the bids stands. Reload the page to try again.</p>
      ) : opening === undefined ? null : opening.status === 'opened' ? (
        <p className="govuk-body" data-testid="bid-count">
          {plural(opening.receiptHashes.length, 'bid was', 'bids were')} opened on {formatDateTime(opening.openedAt)}.
        </p>
      ) : (
        <p className="govuk-body" data-testid="bid-count">
          Bids are sealed until {opening.sealedUntil?.text ?? 'the deadline'}: until they are opened, nobody at the council can see how many there
          are or who sent them.
        </p>
      )}
    </>
  )
}
