import { useEffect, useRef, type ChangeEvent, type ReactNode } from 'react'
import { describedBy, ErrorMessage } from '../error-message/error-message'
import { Hint } from '../hint/hint'
import { Label } from '../label/label'

/** Props for PasswordInput. */
export interface PasswordInputProps {
  id: string
  name?: string
  label: ReactNode
  isPageHeading?: boolean
  labelSize?: 'xl' | 'l' | 'm' | 's'
  hint?: ReactNode
  error?: string
  value: string
  onChange: (e: ChangeEvent<HTMLInputElement>) => void
  /** 'new-password' when choosing one, 'current-password' when signing in. */
  autoComplete: 'new-password' | 'current-password'
}

/**
 * PasswordInput is the GOV.UK password input. govuk-frontend's script adds the
 * Show/Hide button; it is loaded only on pages that have a password field, and
 * without it the field still works as a plain password field.
 */
export function PasswordInput(props: PasswordInputProps) {
  const { id, name = id, hint, error } = props
  const root = useRef<HTMLDivElement>(null)

  useEffect(() => {
    let live = true
    import('govuk-frontend/dist/govuk/components/password-input/password-input.mjs')
      .then(({ PasswordInput: Script }) => {
        // React's development mode runs effects twice; govuk-frontend refuses
        // to start twice on one element, which is fine.
        if (live && root.current && !root.current.hasAttribute('data-govuk-password-input-init')) new Script(root.current)
      })
      .catch(() => {})
    return () => {
      live = false
    }
  }, [])

  return (
    <div
      className={`govuk-form-group govuk-password-input${error ? ' govuk-form-group--error' : ''}`}
      data-module="govuk-password-input"
      ref={root}
    >
      <Label htmlFor={id} isPageHeading={props.isPageHeading} size={props.labelSize}>
        {props.label}
      </Label>
      <Hint fieldId={id}>{hint}</Hint>
      <ErrorMessage fieldId={id}>{error}</ErrorMessage>
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          className={`govuk-input govuk-password-input__input govuk-js-password-input-input${error ? ' govuk-input--error' : ''}`}
          id={id}
          name={name}
          type="password"
          spellCheck={false}
          autoCapitalize="none"
          autoComplete={props.autoComplete}
          value={props.value}
          onChange={props.onChange}
          aria-describedby={describedBy(id, hint, error)}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-password-input__toggle govuk-js-password-input-toggle"
          data-module="govuk-button"
          aria-controls={id}
          aria-label="Show password"
          hidden
        >
          Show
        </button>
      </div>
    </div>
  )
}
