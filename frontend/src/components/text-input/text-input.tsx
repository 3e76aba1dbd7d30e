import type { ChangeEvent, HTMLInputAutoCompleteAttribute, ReactNode } from 'react'
import { describedBy, ErrorMessage } from '../error-message/error-message'
import { Hint } from '../hint/hint'
import { Label } from '../label/label'

/** Props for TextInput. */
export interface TextInputProps {
  id: string
  /** The name of the field; defaults to id. */
  name?: string
  label: ReactNode
  /** Makes the label the page's h1 (a question page). */
  isPageHeading?: boolean
  labelSize?: 'xl' | 'l' | 'm' | 's'
  hint?: ReactNode
  error?: string
  value: string
  onChange: (e: ChangeEvent<HTMLInputElement>) => void
  type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'search'
  autoComplete?: HTMLInputAutoCompleteAttribute
  spellCheck?: boolean
  /** Extra classes for the input, e.g. govuk-input--width-20. */
  className?: string
}

/** TextInput is the GOV.UK text input with its label, hint and error message. */
export function TextInput(props: TextInputProps) {
  const { id, name = id, hint, error, type = 'text', className } = props
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label htmlFor={id} isPageHeading={props.isPageHeading} size={props.labelSize}>
        {props.label}
      </Label>
      <Hint fieldId={id}>{hint}</Hint>
      <ErrorMessage fieldId={id}>{error}</ErrorMessage>
      <input
        className={`govuk-input${error ? ' govuk-input--error' : ''}${className ? ` ${className}` : ''}`}
        id={id}
        name={name}
        type={type}
        value={props.value}
        onChange={props.onChange}
        autoComplete={props.autoComplete}
        spellCheck={props.spellCheck}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  )
}
