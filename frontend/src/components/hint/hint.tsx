import type { ReactNode } from 'react'

/** hintId is the id of a field's hint, which aria-describedby points at. */
export const hintId = (fieldId: string) => `${fieldId}-hint`

/** Hint is the GOV.UK hint text for the field with the given id; nothing when empty. */
export function Hint({ fieldId, children, className }: { fieldId: string; children?: ReactNode; className?: string }) {
  if (!children) return null
  return (
    <div id={hintId(fieldId)} className={`govuk-hint${className ? ` ${className}` : ''}`}>
      {children}
    </div>
  )
}
