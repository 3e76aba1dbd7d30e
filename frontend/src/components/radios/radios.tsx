import { Fragment, type ReactNode } from 'react'
import { describedBy, ErrorMessage } from '../error-message/error-message'
import { Hint } from '../hint/hint'

/** One choice in Radios. */
export interface RadioItem {
  value: string
  label: ReactNode
  hint?: ReactNode
  /** Shown right under the choice while it is chosen (the GOV.UK conditional reveal). */
  reveal?: ReactNode
}

/** Props for Radios. */
export interface RadiosProps {
  /** The field id: the first radio gets it, so the error summary can link to it. */
  id: string
  name?: string
  legend: ReactNode
  /** Makes the legend the page's h1 (a question page). */
  isPageHeading?: boolean
  legendSize?: 'xl' | 'l' | 'm' | 's'
  hint?: ReactNode
  error?: string
  items: RadioItem[]
  value: string
  onChange: (value: string) => void
  small?: boolean
  /** Lays two short choices (Yes, No) side by side. */
  inline?: boolean
}

/** Radios is the GOV.UK radios component in its fieldset, with hint and error message. */
export function Radios(props: RadiosProps) {
  const { id, name = id, hint, error, legendSize } = props
  const legendClass = `govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}`
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={legendClass}>
          {props.isPageHeading ? <h1 className="govuk-fieldset__heading">{props.legend}</h1> : props.legend}
        </legend>
        <Hint fieldId={id}>{hint}</Hint>
        <ErrorMessage fieldId={id}>{error}</ErrorMessage>
        <div
          className={`govuk-radios${props.small ? ' govuk-radios--small' : ''}${props.inline ? ' govuk-radios--inline' : ''}`}
          data-module="govuk-radios"
        >
          {props.items.map((item, i) => {
            const itemId = i === 0 ? id : `${id}-${i + 1}`
            const chosen = props.value === item.value
            const conditional = item.reveal ? `${itemId}-conditional` : undefined
            return (
              <Fragment key={item.value}>
              <div className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id={itemId}
                  name={name}
                  type="radio"
                  value={item.value}
                  checked={chosen}
                  onChange={() => props.onChange(item.value)}
                  aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                  aria-controls={conditional}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={itemId}>
                  {item.label}
                </label>
                {item.hint && (
                  <div id={`${itemId}-item-hint`} className="govuk-hint govuk-radios__hint">
                    {item.hint}
                  </div>
                )}
              </div>
              {conditional && (
                <div className={`govuk-radios__conditional${chosen ? '' : ' govuk-radios__conditional--hidden'}`} id={conditional}>
                  {item.reveal}
                </div>
              )}
              </Fragment>
            )
          })}
        </div>
      </fieldset>
    </div>
  )
}
