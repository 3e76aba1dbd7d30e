import type { FormEvent } from 'react'
import { Link, Navigate, useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { appPath, fetchApplication, type Notice } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import type { Application } from '../types'

/** Withdraw asks for confirmation before taking back an application not yet decided. */
export function Withdraw() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => fetchApplication(id), [id])
  return (
    <LoadGate load={load} refusedTitle="You cannot see this application">
      {(app) => <Confirm app={app} />}
    </LoadGate>
  )
}

function Confirm({ app }: { app: Application }) {
  const navigate = useNavigate()
  const form = useForm({})
  const draft = app.status === 'draft'
  const waiting = app.categories.filter((c) => c.status === 'requested')
  const title = draft ? `Are you sure you want to cancel your application to ${app.dpsTitle}?` : `Are you sure you want to withdraw your application to ${app.dpsTitle}?`

  if (app.status !== 'draft' && app.status !== 'submitted') return <Navigate to={appPath(app.id)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await form.submit(async () => {
      await call(api.POST('/api/v1/dps-applications/{id}/withdraw', { params: { path: { id: app.id } } }))
    })
    if (ok) {
      const state: Notice = { notice: draft ? 'Application cancelled' : 'Application withdrawn' }
      navigate(draft ? '/dps-applications' : appPath(app.id), { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            {draft
              ? 'Your answers will not be sent.'
              : waiting.length < app.categories.length
                ? `The council will stop assessing ${waiting.map((c) => `‘${c.name}’`).join(' and ')}. You keep the decisions already made on the other categories.`
                : 'The council will stop assessing it, and you will not be admitted to the categories you applied for.'}{' '}
            You can apply again at any time while the list is open.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <ButtonGroup>
              <Button variant="warning" busy={form.submitting}>
                {draft ? 'Cancel application' : 'Withdraw application'}
              </Button>
              <Link className="govuk-link" to={appPath(app.id)}>
                {draft ? 'Go back to your application' : 'Keep my application'}
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
