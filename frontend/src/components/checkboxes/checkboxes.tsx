import type { ReactNode } from 'react'
import { describedBy, ErrorMessage } from '../error-message/error-message'
import { Hint } from '../hint/hint'

/** One choice in Checkboxes. */
export interface CheckboxItem {
  value: string
  label: ReactNode
  hint?: ReactNode
}

/** Props for Checkboxes. */
export interface CheckboxesProps {
  /** The field id: the first checkbox gets it, so the error summary can link to it. */
  id: string
  name?: string
  legend: ReactNode
  isPageHeading?: boolean
  legendSize?: 'xl' | 'l' | 'm' | 's'
  hint?: ReactNode
  error?: string
  items: CheckboxItem[]
  /** The values that are ticked. */
  values: string[]
  onChange: (values: string[]) => void
  small?: boolean
}

/** Checkboxes is the GOV.UK checkboxes component in its fieldset, with hint and error message. */
export function Checkboxes(props: CheckboxesProps) {
  const { id, name = id, hint, error, legendSize, values } = props
  const legendClass = `govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}`
  const toggle = (value: string, on: boolean) => {
    // Keep the order of the items, whatever order they are ticked in.
    const next = props.items.map((i) => i.value).filter((v) => (v === value ? on : values.includes(v)))
    props.onChange(next)
  }
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={legendClass}>
          {props.isPageHeading ? <h1 className="govuk-fieldset__heading">{props.legend}</h1> : props.legend}
        </legend>
        <Hint fieldId={id}>{hint}</Hint>
        <ErrorMessage fieldId={id}>{error}</ErrorMessage>
        <div className={`govuk-checkboxes${props.small ? ' govuk-checkboxes--small' : ''}`} data-module="govuk-checkboxes">
          {props.items.map((item, i) => {
            const itemId = i === 0 ? id : `${id}-${i + 1}`
            return (
              <div className="govuk-checkboxes__item" key={item.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={itemId}
                  name={name}
                  type="checkbox"
                  value={item.value}
                  checked={values.includes(item.value)}
                  onChange={(e) => toggle(item.value, e.target.checked)}
                  aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={itemId}>
                  {item.label}
                </label>
                {item.hint && (
                  <div id={`${itemId}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                    {item.hint}
                  </div>
                )}
              </div>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}
