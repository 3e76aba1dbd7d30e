// What every question page of the journey shares: the back link, the error
// summary (including errors the server found at the end), one question, and
// Continue, which saves the answer and moves on.
import type { FormEvent, ReactNode } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { BackLink } from '../../components/back-link/back-link'
import { Button } from '../../components/button/button'
import { ErrorSummary } from '../../components/error-summary/error-summary'
import { Page } from '../../components/page/page'
import { useForm, type Form } from '../../forms/use-form'
import { backPath, nextPath, useRegistration, type Answers } from './registration'

/** Props for QuestionPage. */
export interface QuestionPageProps {
  field: keyof Answers
  /** The question, which is also the page title and h1. */
  title: string
  /** Checks the answer; returns the error message, or undefined when it is fine. */
  validate: (value: string) => string | undefined
  /**
   * Checks the answer with the server before moving on (the password's rules live there);
   * returns the error message, or undefined when it is fine. When the server cannot be
   * reached the person moves on: check answers applies every rule again.
   */
  check?: (value: string, answers: Answers) => Promise<string | undefined>
  /** Whether to trim spaces from the answer (not for passwords). */
  trim?: boolean
  /** Renders the field, given the form state, its error and the question as its heading. */
  children: (form: Form<Record<string, string>>, error: string | undefined) => ReactNode
}

/** QuestionPage is one GOV.UK question page of the registration journey. */
export function QuestionPage({ field, title, validate, check, trim = true, children }: QuestionPageProps) {
  const reg = useRegistration()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const change = params.has('change')
  const serverError = reg.serverErrors[field]
  const form = useForm({ [field]: reg.answers[field] }, {}, serverError ? [{ field, text: serverError }] : [])

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const value = trim ? form.values[field].trim() : form.values[field]
    let error = validate(value)
    if (!error && check) error = await check(value, reg.answers).catch(() => undefined)
    if (error) {
      form.fail([{ field, text: error }])
      return
    }
    reg.setAnswer(field, value)
    navigate(nextPath(field, change))
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={backPath(field, change)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <form noValidate onSubmit={onSubmit}>
            {children(form, form.errors[field])}
            <Button>Continue</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
