import type { ChangeEvent, ReactNode } from 'react'
import { TextInput } from '../../components/text-input/text-input'

/** Props for CodeInput. */
export interface CodeInputProps {
  label: ReactNode
  isPageHeading?: boolean
  hint?: ReactNode
  error?: string
  value: string
  onChange: (e: ChangeEvent<HTMLInputElement>) => void
}

/**
 * CodeInput is the field for a 6-digit code from an authenticator app: a number
 * keyboard on phones, and the browser may fill it in from the app (one-time-code).
 */
export function CodeInput({ label, isPageHeading, hint, error, value, onChange }: CodeInputProps) {
  return (
    <TextInput
      id="code"
      label={label}
      isPageHeading={isPageHeading}
      labelSize={isPageHeading ? 'l' : 's'}
      hint={hint}
      error={error}
      value={value}
      onChange={onChange}
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      className="govuk-input--width-5 govuk-input--extra-letter-spacing"
    />
  )
}
