import type { ChangeEvent, ReactNode } from 'react'
import { describedBy, ErrorMessage } from '../error-message/error-message'
import { Hint } from '../hint/hint'
import { Label } from '../label/label'

/** One option of a Select. */
export interface SelectOption {
  value: string
  text: string
}

/** A group of options, shown under its label (an optgroup). */
export interface SelectGroup {
  label: string
  options: SelectOption[]
}

/** Props for Select. */
export interface SelectProps {
  id: string
  name?: string
  label: ReactNode
  isPageHeading?: boolean
  labelSize?: 'xl' | 'l' | 'm' | 's'
  hint?: ReactNode
  error?: string
  value: string
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void
  /** Options, or groups of options. */
  options: (SelectOption | SelectGroup)[]
  className?: string
}

function isGroup(o: SelectOption | SelectGroup): o is SelectGroup {
  return 'options' in o
}

/**
 * Select is the GOV.UK select. GOV.UK advises against selects where radios or
 * an autocomplete would do; it is used here for long lists (such as every UK
 * local authority) that every browser and assistive technology can search by typing.
 */
export function Select(props: SelectProps) {
  const { id, name = id, hint, error } = props
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label htmlFor={id} isPageHeading={props.isPageHeading} size={props.labelSize}>
        {props.label}
      </Label>
      <Hint fieldId={id}>{hint}</Hint>
      <ErrorMessage fieldId={id}>{error}</ErrorMessage>
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}${props.className ? ` ${props.className}` : ''}`}
        id={id}
        name={name}
        value={props.value}
        onChange={props.onChange}
        aria-describedby={describedBy(id, hint, error)}
      >
        {props.options.map((o) =>
          isGroup(o) ? (
            <optgroup key={`group-${o.label}`} label={o.label}>
              {o.options.map((opt) => (
                <option key={opt.value} value={opt.value}>
                  {opt.text}
                </option>
              ))}
            </optgroup>
          ) : (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ),
        )}
      </select>
    </div>
  )
}
