import type { ReactNode } from 'react'

/** Props for Label. */
export interface LabelProps {
  /** The id of the field it labels. */
  htmlFor: string
  children: ReactNode
  /** Wraps the label in the page's h1 (a question page). */
  isPageHeading?: boolean
  size?: 'xl' | 'l' | 'm' | 's'
}

/** Label is the GOV.UK label, wrapped in the page's h1 when it is the question. */
export function Label({ htmlFor, children, isPageHeading, size }: LabelProps) {
  const el = (
    <label className={`govuk-label${size ? ` govuk-label--${size}` : ''}`} htmlFor={htmlFor}>
      {children}
    </label>
  )
  return isPageHeading ? <h1 className="govuk-label-wrapper">{el}</h1> : el
}
