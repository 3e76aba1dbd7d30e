import type { FormEvent } from 'react'
import { useNavigate, useParams } from 'react-router'
import { api, call, type BankQueueItem } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Textarea } from '../../../components/textarea/textarea'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { useQueueItem, type QueueNotice } from '../bank-queue'
import { ChangeSummary } from '../change-summary'
import { LoadGate } from '../../../lib/load-gate'

/** RefuseChange refuses a change (and clears a frozen one once it has been looked into), with a reason the supplier sees. */
export function RefuseChange() {
  const { id = '' } = useParams()
  const load = useQueueItem(id)
  return <LoadGate load={load}>{(item) => <RefuseForm item={item} />}</LoadGate>
}

function RefuseForm({ item }: { item: BankQueueItem }) {
  const navigate = useNavigate()
  const form = useForm({ reason: '' }, { fields: { reason: 'Enter why the change is refused' } })
  const title = `Refuse the change for ${item.organisationName}`

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.values.reason.trim()) return form.fail([{ field: 'reason', text: 'Enter why the change is refused. The supplier will see it.' }])
    const ok = await form.submit(async () => {
      await call(api.POST('/api/v1/bank-changes/{id}/reject', { params: { path: { id: item.id } }, body: { reason: form.values.reason.trim() } }))
    })
    if (ok) {
      const state: QueueNotice = { notice: `You have refused the change for ${item.organisationName}` }
      navigate('/bank-changes', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/bank-changes" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <ChangeSummary item={item} />
          <p className="govuk-body">The supplier’s bank details will not change. They can ask again.</p>
          <form noValidate onSubmit={onSubmit}>
            <Textarea
              id="reason"
              label="Why are you refusing it?"
              labelSize="m"
              hint="The supplier will see this, so write it for them. Do not include anything about a fraud investigation they should not see."
              error={form.errors.reason}
              rows={4}
              maxLength={1000}
              value={form.values.reason}
              onChange={(e) => form.set('reason', e.target.value)}
            />
            <Button variant="warning" busy={form.submitting}>
              Refuse change
            </Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
