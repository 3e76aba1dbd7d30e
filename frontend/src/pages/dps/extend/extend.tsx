import type { FormEvent } from 'react'
import { Link, Navigate, useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Textarea } from '../../../components/textarea/textarea'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { appPath, fetchApplicationWithDps, type ApplicationWithDps, type Notice } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { formatDue } from '../labels'

const title = 'Take longer to decide'

/**
 * Extend gives the council 15 working days instead of 10 to decide an
 * application to a DPS under the 2015 Regulations, once, with a reason that
 * is recorded and that the supplier sees.
 */
export function Extend() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => fetchApplicationWithDps(id), [id])
  return <LoadGate load={load}>{(data) => <Ask data={data} />}</LoadGate>
}

function Ask({ data }: { data: ApplicationWithDps }) {
  const { app, dps } = data
  const navigate = useNavigate()
  const form = useForm({ reason: '' }, { fields: { reason: 'Give the reason, in up to 5,000 characters' } })

  if (app.status !== 'submitted' || dps.regime !== 'pcr2015' || app.extended) return <Navigate to={appPath(app.id)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.values.reason.trim()) return form.fail([{ field: 'reason', text: 'Give the reason for taking longer' }])
    let due = ''
    const ok = await form.submit(async () => {
      const saved = await call(api.POST('/api/v1/dps-applications/{id}/extend', { params: { path: { id: app.id } }, body: { reason: form.values.reason.trim() } }))
      due = formatDue(saved.dueAt)
    })
    if (ok) {
      const state: Notice = { notice: `You now have until ${due} to decide. We have told the supplier why.` }
      navigate(appPath(app.id), { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={appPath(app.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{app.organisationName}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            The decision is due by {formatDue(app.dueAt)}. Under the Public Contracts Regulations 2015 you can take up to 15 working days
            from when the supplier applied, once, if you have a good reason, such as needing to check their documents with someone else.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <Textarea
              id="reason"
              label="Why do you need longer?"
              labelSize="m"
              hint="We record this and show it to the supplier."
              error={form.errors.reason}
              value={form.values.reason}
              onChange={(e) => form.set('reason', e.target.value)}
              maxLength={5000}
              spellCheck
            />
            <ButtonGroup>
              <Button busy={form.submitting}>Take longer to decide</Button>
              <Link className="govuk-link" to={appPath(app.id)}>
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
