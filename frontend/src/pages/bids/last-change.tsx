// "Last changed by X at Y": members of an organisation work on one bid
// together, so each page says who changed it last and when.
import { formatDateTime } from '../opportunities/format'
import type { BidLastChange } from './api-types'

/** LastChange says who last changed the bid (or an answer) and when; nothing before any change. */
export function LastChange({ change }: { change?: { by?: string; at?: string } | BidLastChange | null }) {
  if (!change?.by || !change.at) return null
  return (
    <p className="govuk-body-s app-last-change">
      Last changed by {change.by} on {formatDateTime(change.at)}
    </p>
  )
}
