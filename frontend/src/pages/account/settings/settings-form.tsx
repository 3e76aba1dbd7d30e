import type { FormEvent, ReactNode } from 'react'
import { BackLink } from '../../../components/back-link/back-link'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import type { SummaryError } from '../../../forms/problem'
import { SETTINGS_PATH } from './settings-state'

/** Props for SettingsForm. */
export interface SettingsFormProps {
  title: string
  summary: SummaryError[]
  attempt: number
  /** Handles the form; without it the page has no form (nothing can be sent yet). */
  onSubmit?: (e: FormEvent) => void
  /** What the page says above the form. */
  intro?: ReactNode
  children: ReactNode
  /** Where the back link goes, when not the settings (which need a confirmed email address). */
  back?: { to: string; text: string }
}

/**
 * SettingsForm is the frame of every account settings form: a way back to the
 * settings, the error summary, the heading and the form.
 */
export function SettingsForm({ title, summary, attempt, onSubmit, intro, children, back }: SettingsFormProps) {
  return (
    <Page title={title} error={summary.length > 0}>
      <BackLink to={back?.to ?? SETTINGS_PATH}>{back?.text ?? 'Back to account settings'}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={summary} attempt={attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          {intro}
          {onSubmit ? (
            <form noValidate onSubmit={onSubmit}>
              {children}
            </form>
          ) : (
            children
          )}
        </div>
      </div>
    </Page>
  )
}
