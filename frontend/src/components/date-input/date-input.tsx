import { describedBy, ErrorMessage } from '../error-message/error-message'
import { Hint } from '../hint/hint'

/** The three parts of a date as typed: strings, so what the person typed survives an error. */
export interface DateParts {
  day: string
  month: string
  year: string
}

/** Props for DateInput. */
export interface DateInputProps {
  /** The field id: the inputs are `<id>-day`, `<id>-month` and `<id>-year`; the error summary links to `<id>-day`. */
  id: string
  legend: string
  legendSize?: 'xl' | 'l' | 'm' | 's'
  hint?: string
  error?: string
  value: DateParts
  onChange: (part: keyof DateParts, value: string) => void
}

const parts: { key: keyof DateParts; label: string; width: string }[] = [
  { key: 'day', label: 'Day', width: 'govuk-input--width-2' },
  { key: 'month', label: 'Month', width: 'govuk-input--width-2' },
  { key: 'year', label: 'Year', width: 'govuk-input--width-4' },
]

/**
 * DateInput is the GOV.UK date input: day, month and year in a fieldset with
 * role group. An error highlights all three parts, as the whole date is wrong.
 */
export function DateInput({ id, legend, legendSize, hint, error, value, onChange }: DateInputProps) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}`}>{legend}</legend>
        <Hint fieldId={id}>{hint}</Hint>
        <ErrorMessage fieldId={id}>{error}</ErrorMessage>
        <div className="govuk-date-input" id={id}>
          {parts.map((p) => (
            <div className="govuk-date-input__item" key={p.key}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${p.key}`}>
                  {p.label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input ${p.width}${error ? ' govuk-input--error' : ''}`}
                  id={`${id}-${p.key}`}
                  name={`${id}-${p.key}`}
                  type="text"
                  inputMode="numeric"
                  value={value[p.key]}
                  onChange={(e) => onChange(p.key, e.target.value)}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  )
}
