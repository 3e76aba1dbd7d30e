import type { FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, call, type BankQueueItem } from '../../../api/client'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { useForm } from '../../../forms/use-form'
import { formatDate } from '../../../format/dates'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { useQueueItem, type QueueNotice } from '../bank-queue'
import { ChangeSummary } from '../change-summary'
import { LoadGate } from '../../../lib/load-gate'

/** ApproveChange asks a second officer to confirm the approval of a change someone else called back on. */
export function ApproveChange() {
  const { id = '' } = useParams()
  const load = useQueueItem(id)
  return <LoadGate load={load}>{(item) => <Confirm item={item} />}</LoadGate>
}

function Confirm({ item }: { item: BankQueueItem }) {
  const navigate = useNavigate()
  const form = useForm({})
  const title = `Approve the change for ${item.organisationName}?`

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    let until = ''
    const ok = await form.submit(async () => {
      const r = await call(api.POST('/api/v1/bank-changes/{id}/approve', { params: { path: { id: item.id } } }))
      until = r.coolingOffUntil ? ` It takes effect on ${formatDate(r.coolingOffUntil)}.` : ''
    })
    if (ok) {
      const state: QueueNotice = { notice: `You have approved the change for ${item.organisationName}.${until}` }
      navigate('/bank-changes', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <ChangeSummary item={item} />
          <p className="govuk-body">
            Check the call-back above was made to a number on the supplier’s record and that they confirmed the change. After you approve,
            a cooling-off period starts; the change takes effect when it ends, unless an owner stops it.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <ButtonGroup>
              <Button busy={form.submitting}>Approve change</Button>
              <Link className="govuk-link" to="/bank-changes">
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
