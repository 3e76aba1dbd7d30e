import type { ChangeEvent, ReactNode } from 'react'
import { describedBy, ErrorMessage } from '../error-message/error-message'
import { Hint } from '../hint/hint'
import { Label } from '../label/label'

/** Props for Textarea. */
export interface TextareaProps {
  id: string
  name?: string
  label: ReactNode
  isPageHeading?: boolean
  labelSize?: 'xl' | 'l' | 'm' | 's'
  hint?: ReactNode
  error?: string
  value: string
  onChange: (e: ChangeEvent<HTMLTextAreaElement>) => void
  rows?: number
  /** Shown under the field as "You have N characters remaining", counted as the person types. */
  maxLength?: number
  /** Shown under the field as "You have N words remaining", as the GOV.UK character count with maxwords does. */
  maxWords?: number
  spellCheck?: boolean
}

/**
 * Textarea is the GOV.UK textarea. With maxLength it counts characters as the
 * GOV.UK character count does, in a polite live region, but never stops the
 * person typing: going over is an error they can fix.
 */
export function Textarea(props: TextareaProps) {
  const { id, name = id, hint, error, rows = 5, maxWords } = props
  const maxLength = maxWords ?? props.maxLength
  const unit = maxWords !== undefined ? 'word' : 'character'
  const used = maxWords !== undefined ? (props.value.match(/\S+/g)?.length ?? 0) : [...props.value].length
  const left = maxLength === undefined ? 0 : maxLength - used
  const countId = `${id}-info`
  const described = [describedBy(id, hint, error), maxLength !== undefined ? countId : ''].filter(Boolean).join(' ') || undefined
  const field = (
    <>
      <Label htmlFor={id} isPageHeading={props.isPageHeading} size={props.labelSize}>
        {props.label}
      </Label>
      <Hint fieldId={id}>{hint}</Hint>
      <ErrorMessage fieldId={id}>{error}</ErrorMessage>
      <textarea
        className={`govuk-textarea${error || left < 0 ? ' govuk-textarea--error' : ''}${maxLength !== undefined ? ' govuk-js-character-count' : ''}`}
        id={id}
        name={name}
        rows={rows}
        value={props.value}
        onChange={props.onChange}
        spellCheck={props.spellCheck}
        aria-describedby={described}
      />
    </>
  )
  if (maxLength === undefined) {
    return <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>{field}</div>
  }
  return (
    <div className={`govuk-form-group govuk-character-count${error ? ' govuk-form-group--error' : ''}`} data-module="govuk-character-count">
      {field}
      <div id={countId} className={`govuk-character-count__message${left < 0 ? ' govuk-error-message' : ' govuk-hint'}`} aria-live="polite">
        {left < 0
          ? `You have ${(-left).toLocaleString('en-GB')} ${unit}${left === -1 ? '' : 's'} too many`
          : `You have ${left.toLocaleString('en-GB')} ${unit}${left === 1 ? '' : 's'} remaining`}
      </div>
    </div>
  )
}
