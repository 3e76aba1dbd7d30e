import type { FormEvent } from 'react'
import { Link, Navigate, useNavigate } from 'react-router'
import { api, call, type LegalForm } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { stepPath, steps, useRegistration, type Answers } from '../registration'
import { legalFormLabel } from '../../../lib/labels'

const title = 'Check your answers before creating your account'

// Plain-English messages for when the server's own message is a validator's.
const fieldMessages: Record<string, string> = {
  organisationName: 'Enter your organisation’s name',
  legalForm: 'Select what type of organisation it is',
  name: 'Enter your name',
  email: 'Enter an email address in the correct format, like name@example.com',
  password: 'Password must be 12 characters or more',
}

function shown(field: keyof Answers, a: Answers) {
  if (field === 'legalForm') return legalFormLabel(a.legalForm)
  if (field === 'password') return <span className="app-hidden-answer">Hidden</span>
  return a[field]
}

/**
 * CheckAnswers shows every answer with a Change link, then creates the account.
 * Errors the server finds link back to the question page of each answer.
 */
export function CheckAnswers() {
  const reg = useRegistration()
  const navigate = useNavigate()
  const form = useForm({})
  const missing = steps.find((s) => !reg.answers[s.field])

  if (missing) return <Navigate to={stepPath(missing.field)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const { organisationName, legalForm, name, email, password } = reg.answers
    const body = { organisationName, legalForm: legalForm as LegalForm, name, email, password }
    const ok = await form.submit(
      async () => {
        await call(api.POST('/api/v1/auth/register', { body }))
      },
      (err) => {
        const { fields, summary } = problemToErrors(err.problem, { fields: fieldMessages })
        reg.setServerErrors(fields)
        return {
          summary: summary.map((s) =>
            s.field && steps.some((st) => st.field === s.field)
              ? { text: s.text, to: stepPath(s.field as keyof Answers, true) }
              : { text: s.text },
          ),
        }
      },
    )
    // The answers are forgotten on the next page: forgetting them here would
    // send this page back to the first question before the navigation happens.
    if (ok) navigate('/register/check-your-email', { state: { email } })
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <h2 className="govuk-heading-m">Your organisation</h2>
          <SummaryList
            className="govuk-!-margin-bottom-9"
            rows={steps.slice(0, 2).map((s) => ({
              key: s.key,
              value: shown(s.field, reg.answers),
              changeTo: stepPath(s.field, true),
            }))}
          />
          <h2 className="govuk-heading-m">You</h2>
          <SummaryList
            className="govuk-!-margin-bottom-9"
            rows={steps.slice(2).map((s) => ({
              key: s.key,
              value: shown(s.field, reg.answers),
              changeTo: stepPath(s.field, true),
            }))}
          />
          <h2 className="govuk-heading-m">Now create your account</h2>
          <p className="govuk-body">
            We will keep these details as our{' '}
            <Link className="govuk-link" to="/privacy">
              privacy notice
            </Link>{' '}
            explains, and send you an email to confirm your email address.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <Button busy={form.submitting}>Create account</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
