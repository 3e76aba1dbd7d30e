import type { FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { isProblem } from '../../../api/errors'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { LoadGate } from '../../../lib/load-gate'
import { alertRefusal, useAlert, type AlertNotice } from '../alert-state'
import { cpvText, frequencyText, keywordsText } from '../labels'
import type { Alert } from '../types'

/** DeleteAlert asks for confirmation before deleting an alert. */
export function DeleteAlert() {
  const { id = '' } = useParams()
  const load = useAlert(id)
  return <LoadGate load={load} {...alertRefusal}>{(alert) => <Confirm alert={alert} />}</LoadGate>
}

function Confirm({ alert }: { alert: Alert }) {
  const navigate = useNavigate()
  const form = useForm({})
  const title = `Are you sure you want to delete the alert ‘${alert.name}’?`

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const gone = (): void => {
    const state: AlertNotice = { notice: `Alert ‘${alert.name}’ deleted` }
    navigate('/alerts', { state })
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    let already = false
    const ok = await form.submit(
      async () => {
        await call(api.DELETE('/api/v1/alerts/{id}', { params: { path: { id: alert.id } } }))
      },
      // Deleted already (in another tab, or by an email's unsubscribe link): what was wanted is done.
      (err) => {
        if (!isProblem(err, 404)) return undefined
        already = true
        return { summary: [] }
      },
    )
    if (ok || already) gone()
  }

  const cpv = cpvText(alert.cpvCodes)
  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <SummaryList
            rows={[
              { key: 'Words', value: keywordsText(alert.keywords) },
              { key: 'Kinds of work', value: cpv.length ? cpv.join(', ') : 'Any kind of work' },
              { key: 'Emails', value: frequencyText(alert.frequency) },
            ]}
          />
          <p className="govuk-body">
            You will stop getting emails and inbox messages for this alert. Messages already in your inbox stay there. You cannot undo
            this, but you can create the alert again.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <ButtonGroup>
              <Button variant="warning" busy={form.submitting}>
                Delete alert
              </Button>
              <Link className="govuk-link" to="/alerts">
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
