import type { FormEvent } from 'react'
import { Navigate, useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import type { Problem } from '../../../api/errors'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { problemToErrors, type SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { AnswerList } from '../application/answers'
import { appPath, fetchApplication } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import type { Application } from '../types'

const title = 'Check your answers before sending your application'

/**
 * submitErrors maps the server's refusal to send: a problem with an answer
 * (`answers[2].value`) links to that question's page, a problem with the
 * categories to the categories page.
 */
export function submitErrors(problem: Problem, app: Application): { summary: SummaryError[] } {
  const summary: SummaryError[] = []
  for (const e of problem.errors ?? []) {
    const m = /^body\.answers\[(\d+)\]/.exec(e.location ?? '')
    const text = e.message ?? ''
    if (!text) continue
    if (m) summary.push({ text, to: `${appPath(app.id, `questions/${Number(m[1]) + 1}`)}?change=1` })
    else if (e.location?.startsWith('body.categoryIds')) summary.push({ text, to: `${appPath(app.id, 'categories')}?change=1` })
    else summary.push({ text })
  }
  if (summary.length === 0) return { summary: problemToErrors(problem).summary }
  return { summary }
}

/** CheckAnswers shows the whole application with Change links, and sends it. */
export function CheckAnswers() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => fetchApplication(id), [id])
  return (
    <LoadGate load={load} refusedTitle="You cannot see this application">
      {(app) => <Check app={app} />}
    </LoadGate>
  )
}

function Check({ app }: { app: Application }) {
  const navigate = useNavigate()
  const form = useForm({})

  if (app.status !== 'draft') return <Navigate to={appPath(app.id)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await form.submit(
      async () => {
        await call(api.POST('/api/v1/dps-applications/{id}/submit', { params: { path: { id: app.id } } }))
      },
      (err) => submitErrors(err.problem, app),
    )
    if (ok) navigate(appPath(app.id, 'submitted'))
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={appPath(app.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{app.dpsTitle}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <h2 className="govuk-heading-m">What you are applying for</h2>
          <SummaryList
            rows={[
              { key: 'Organisation', value: app.organisationName },
              {
                key: 'Categories',
                value: (
                  <ul className="govuk-list">
                    {app.categories.map((c) => (
                      <li key={c.categoryId}>{c.name}</li>
                    ))}
                  </ul>
                ),
                changeTo: `${appPath(app.id, 'categories')}?change=1`,
              },
            ]}
          />
          {app.answers.length > 0 && (
            <>
              <h2 className="govuk-heading-m">Your answers</h2>
              <AnswerList answers={app.answers} changeTo={(i) => `${appPath(app.id, `questions/${i + 1}`)}?change=1`} />
            </>
          )}
          <h2 className="govuk-heading-m">Now send your application</h2>
          <p className="govuk-body">
            By sending this application you confirm that your answers are true, and that you will tell the council if anything changes
            while you are a member.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <Button busy={form.submitting}>Send application</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
