import type { ReactNode } from 'react'
import { Link } from 'react-router'

/** Props for Button. */
export interface ButtonProps {
  children: ReactNode
  type?: 'submit' | 'button'
  variant?: 'primary' | 'secondary' | 'warning'
  onClick?: () => void
  /** Set while a submission is in flight, so a double click sends once. */
  busy?: boolean
  className?: string
}

function classes(variant: ButtonProps['variant'], extra?: string) {
  return `govuk-button${variant && variant !== 'primary' ? ` govuk-button--${variant}` : ''}${extra ? ` ${extra}` : ''}`
}

/** Button is the GOV.UK button. */
export function Button({ children, type = 'submit', variant, onClick, busy, className }: ButtonProps) {
  return (
    <button
      type={type}
      className={classes(variant, className)}
      data-module="govuk-button"
      onClick={onClick}
      aria-disabled={busy || undefined}
    >
      {children}
    </button>
  )
}

/** StartButton is the GOV.UK start button: a link styled as a button with an arrow. */
export function StartButton({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} role="button" draggable="false" className="govuk-button govuk-button--start" data-module="govuk-button">
      {children}
      <svg
        className="govuk-button__start-icon"
        xmlns="http://www.w3.org/2000/svg"
        width="17.5"
        height="19"
        viewBox="0 0 33 40"
        aria-hidden="true"
        focusable="false"
      >
        <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
      </svg>
    </Link>
  )
}

/** ButtonGroup lines up a button with related links, as govuk-button-group does. */
export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="govuk-button-group">{children}</div>
}
