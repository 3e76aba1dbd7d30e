import type { ReactNode } from 'react'
import { hintId } from '../hint/hint'

/** errorId is the id of a field's error message, which aria-describedby points at. */
export const errorId = (fieldId: string) => `${fieldId}-error`

/** describedBy lists the ids of a field's hint and error message, or undefined for none. */
export function describedBy(fieldId: string, hint: ReactNode, error: string | undefined): string | undefined {
  const ids = [hint ? hintId(fieldId) : '', error ? errorId(fieldId) : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

/** ErrorMessage is the GOV.UK error message for the field with the given id; nothing without an error. */
export function ErrorMessage({ fieldId, children }: { fieldId: string; children?: string }) {
  if (!children) return null
  return (
    <p id={errorId(fieldId)} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  )
}
