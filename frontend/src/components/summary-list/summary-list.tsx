import type { ReactNode } from 'react'
import { Link } from 'react-router'

/** One row of SummaryList. */
export interface SummaryRow {
  key: string
  value: ReactNode
  /** Where "Change" goes; the key is read out after it for screen readers. */
  changeTo?: string
  /** Words after "Change" for screen readers; defaults to the key in lower case. */
  changeLabel?: string
}

/** SummaryList is the GOV.UK summary list, with optional Change links. */
export function SummaryList({ rows, className }: { rows: SummaryRow[]; className?: string }) {
  const anyActions = rows.some((r) => r.changeTo)
  return (
    <dl className={`govuk-summary-list${className ? ` ${className}` : ''}`}>
      {rows.map((r) => (
        <div
          key={r.key}
          className={`govuk-summary-list__row${anyActions && !r.changeTo ? ' govuk-summary-list__row--no-actions' : ''}`}
        >
          <dt className="govuk-summary-list__key">{r.key}</dt>
          <dd className="govuk-summary-list__value">{r.value}</dd>
          {r.changeTo && (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={r.changeTo}>
                Change<span className="govuk-visually-hidden"> {r.changeLabel ?? r.key.toLowerCase()}</span>
              </Link>
            </dd>
          )}
        </div>
      ))}
    </dl>
  )
}
