// A GOV.UK date input with a time field in the same fieldset, for deadlines.
// The design system has no time input; a text field that takes times as people
// write them ("5pm", "17:30") is what GOV.UK services use.
import { ErrorMessage } from '../../components/error-message/error-message'
import { Hint } from '../../components/hint/hint'
import type { DateTimeParts, ErrorPart } from './date-time'

/** Props for DateTimeInput. */
export interface DateTimeInputProps {
  /** The inputs are `<id>-day`, `<id>-month`, `<id>-year` and `<id>-time`. */
  id: string
  legend: string
  hint?: string
  error?: string
  /** Which inputs the error is about; all of them by default. */
  errorPart?: ErrorPart
  value: DateTimeParts
  onChange: (part: keyof DateTimeParts, value: string) => void
}

const dateParts: { key: 'day' | 'month' | 'year'; label: string; width: string }[] = [
  { key: 'day', label: 'Day', width: 'govuk-input--width-2' },
  { key: 'month', label: 'Month', width: 'govuk-input--width-2' },
  { key: 'year', label: 'Year', width: 'govuk-input--width-4' },
]

/** DateTimeInput is a date (day, month, year) and a time, in London, as one question. */
export function DateTimeInput({ id, legend, hint, error, errorPart = 'all', value, onChange }: DateTimeInputProps) {
  const dateError = Boolean(error) && errorPart !== 'time'
  const timeError = Boolean(error) && errorPart !== 'date'
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={described}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
        <Hint fieldId={id}>{hint}</Hint>
        <ErrorMessage fieldId={id}>{error}</ErrorMessage>
        <div className="govuk-date-input" id={id}>
          {dateParts.map((p) => (
            <div className="govuk-date-input__item" key={p.key}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${p.key}`}>
                  {p.label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input ${p.width}${dateError ? ' govuk-input--error' : ''}`}
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
        <div className="govuk-form-group govuk-!-margin-top-4 govuk-!-margin-bottom-0">
          <label className="govuk-label" htmlFor={`${id}-time`}>
            Time
          </label>
          <div className="govuk-hint" id={`${id}-time-hint`}>
            London time, for example midday, 9am or 5:30pm
          </div>
          <input
            className={`govuk-input govuk-input--width-5${timeError ? ' govuk-input--error' : ''}`}
            id={`${id}-time`}
            name={`${id}-time`}
            type="text"
            spellCheck={false}
            aria-describedby={`${id}-time-hint`}
            value={value.time}
            onChange={(e) => onChange('time', e.target.value)}
          />
        </div>
      </fieldset>
    </div>
  )
}
