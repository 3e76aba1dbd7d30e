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
  /** Text shown before the input, such as £. */
  prefix?: string
  /** Text shown after the input, such as "per year". */
  suffix?: string
  /** The on-screen keyboard to offer; 'numeric' for whole numbers, 'decimal' for money. */
  inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel'
}

/** TextInput is the GOV.UK text input with its label, hint and error message. */
export function TextInput(props: TextInputProps) {
  const { id, name = id, hint, error, type = 'text', className } = props
  const input = (
    <input
      className={`govuk-input${error ? ' govuk-input--error' : ''}${className ? ` ${className}` : ''}`}
      id={id}
      name={name}
      type={type}
      value={props.value}
      onChange={props.onChange}
      autoComplete={props.autoComplete}
      spellCheck={props.spellCheck}
      inputMode={props.inputMode}
      aria-describedby={describedBy(id, hint, error)}
    />
  )
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label htmlFor={id} isPageHeading={props.isPageHeading} size={props.labelSize}>
        {props.label}
      </Label>
      <Hint fieldId={id}>{hint}</Hint>
      <ErrorMessage fieldId={id}>{error}</ErrorMessage>
      {props.prefix || props.suffix ? (
        <div className="govuk-input__wrapper">
          {props.prefix && (
            <div className="govuk-input__prefix" aria-hidden="true">
              {props.prefix}
            </div>
          )}
          {input}
          {props.suffix && (
            <div className="govuk-input__suffix" aria-hidden="true">
              {props.suffix}
            </div>
          )}
        </div>
      ) : (
        input
      )}
    </div>
  )
}
