import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react'
import { Link } from 'react-router'
import type { SummaryError } from '../../forms/problem'

/** A line of the summary: a field on this page (field), or another page to go to (to). */
export type ErrorSummaryItem = SummaryError

/** Props for ErrorSummary. */
export interface ErrorSummaryProps {
  errors: ErrorSummaryItem[]
  /** Changes on every failed submission; the summary takes focus each time it changes. */
  attempt?: number
  title?: string
  /** More to say after the list, such as a link to reload the page. */
  children?: ReactNode
}

// focusField does what govuk-frontend's ErrorSummary script does on a link click:
// focus the field and scroll so that its label or legend is in view too.
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const input = document.getElementById(id)
  if (!input) return
  event.preventDefault()
  const legend = input.closest('fieldset')?.querySelector('legend')
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`)
  const target = legend ?? label ?? input
  target.scrollIntoView?.()
  input.focus({ preventScroll: true })
}

/**
 * ErrorSummary is the GOV.UK error summary: at the top of the page, focused when
 * it appears, each message linking to the field that has the problem.
 */
export function ErrorSummary({ errors, attempt = 0, title = 'There is a problem', children }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null)
  const shown = errors.length > 0

  useEffect(() => {
    if (shown) ref.current?.focus()
  }, [shown, attempt])

  if (!shown) return null
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e, i) => (
              <li key={`${e.field ?? ''}-${i}`}>
                {e.to ? (
                  <Link to={e.to}>{e.text}</Link>
                ) : e.field ? (
                  <a href={`#${e.field}`} onClick={(ev) => focusField(ev, e.field!)}>
                    {e.text}
                  </a>
                ) : (
                  e.text
                )}
              </li>
            ))}
          </ul>
          {children}
        </div>
      </div>
    </div>
  )
}
