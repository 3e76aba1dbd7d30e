// What every question page of the profile shares: the back link, the error
// summary (with errors the server found when saving), a caption naming the
// journey, the page's fields, and Continue.
import { useState, type FormEvent, type ReactNode } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { BackLink } from '../../components/back-link/back-link'
import { Button } from '../../components/button/button'
import { ErrorSummary } from '../../components/error-summary/error-summary'
import { Page } from '../../components/page/page'
import type { SummaryError } from '../../forms/problem'
import type { Form } from '../../forms/use-form'
import type { Draft } from './draft'
import { useProfile } from './profile-state'
import { backPath, nextPath, sections, type SectionKey } from './sections'

/** The caption above each question page's heading. */
export const CAPTION = 'Your organisation’s profile'

/**
 * useQuestion gives a question page what it needs: the answers so far, the
 * errors the server found in this page's fields (to show from the start), and
 * whether it was reached from check your answers.
 */
export function useQuestion(key: SectionKey) {
  const profile = useProfile()
  const [params] = useSearchParams()
  const section = sections.find((s) => s.key === key)!
  const initialErrors: SummaryError[] = Object.entries(profile.serverErrors)
    .filter(([id]) => section.fields.includes(id) || section.prefixes?.some((p) => id.startsWith(p)))
    .map(([field, text]) => ({ field, text }))
  return { profile, draft: profile.draft, change: params.has('change'), initialErrors, section }
}

/** Props for QuestionPage. */
export interface QuestionPageProps {
  section: SectionKey
  /** The page's heading and title. */
  title: string
  form: Pick<Form<Record<string, string>>, 'summary' | 'attempt' | 'fail'>
  /**
   * Checks the answers: returns the errors, or the answers to record. Continue
   * then goes to the next page (or back to check your answers).
   */
  check: () => SummaryError[] | Partial<Draft>
  /** Puts the heading inside the first field's label or legend instead of above the form. */
  headingInField?: boolean
  /** What comes before the form, under the heading. */
  intro?: ReactNode
  children: ReactNode
}

/** QuestionPage is one question page of the profile. */
export function QuestionPage({ section, title, form, check, headingInField, intro, children }: QuestionPageProps) {
  const profile = useProfile()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const change = params.has('change')

  const [busy, setBusy] = useState(false)
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    const result = check()
    if (Array.isArray(result)) {
      if (result.length) {
        form.fail(result)
        return
      }
    } else {
      // Kept on the server before moving on, so the answers are there on any device.
      setBusy(true)
      const problems = await profile.update(section, result)
      setBusy(false)
      if (problems) {
        form.fail(problems)
        return
      }
    }
    navigate(nextPath(section, change))
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={backPath(section, change)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {!headingInField && (
            <>
              <span className="govuk-caption-l">{CAPTION}</span>
              <h1 className="govuk-heading-l">{title}</h1>
            </>
          )}
          {intro}
          <form noValidate onSubmit={onSubmit}>
            {children}
            <Button busy={busy}>Continue</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
