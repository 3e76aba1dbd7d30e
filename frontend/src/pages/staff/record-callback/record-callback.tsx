import type { FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, call, type BankQueueItem } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { Textarea } from '../../../components/textarea/textarea'
import { WarningText } from '../../../components/warning-text/warning-text'
import { useForm } from '../../../forms/use-form'
import { formatDate } from '../../../format/dates'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { useQueueItem, type QueueNotice } from '../bank-queue'
import { ChangeSummary } from '../change-summary'
import { LoadGate } from '../../../lib/load-gate'

const title = 'Record a call-back'

/**
 * RecordCallback records that an officer called the supplier back, on one of
 * the numbers that has been on its record long enough, and what they confirmed.
 */
export function RecordCallback() {
  const { id = '' } = useParams()
  const load = useQueueItem(id)
  return <LoadGate load={load}>{(item) => <CallbackForm item={item} />}</LoadGate>
}

function CallbackForm({ item }: { item: BankQueueItem }) {
  const navigate = useNavigate()
  const form = useForm({ phone: '', note: '' })

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.values.phone) return form.fail([{ field: 'phone', text: 'Select the number you called' }])
    const ok = await form.submit(async () => {
      await call(
        api.POST('/api/v1/bank-changes/{id}/callback', {
          params: { path: { id: item.id } },
          body: { phone: form.values.phone, note: form.values.note.trim() },
        }),
      )
    })
    if (ok) {
      const state: QueueNotice = { notice: `Call-back recorded for ${item.organisationName}. Another officer must now approve the change.` }
      navigate('/bank-changes', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/bank-changes" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{item.organisationName}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <ChangeSummary item={item} />
          <WarningText>
            Only call a number listed here. Never call a number given in the request or in an email about it: a fraudster may have given
            it.
          </WarningText>
          {item.callbackNumbers.length === 0 ? (
            <>
              <p className="govuk-body">{item.nextStep}</p>
              <p className="govuk-body">
                <Link className="govuk-link" to={`/bank-changes/${item.id}/refuse`}>
                  Refuse this change
                </Link>
              </p>
            </>
          ) : (
            <form noValidate onSubmit={onSubmit}>
              <Radios
                id="phone"
                legend="Which number did you call?"
                legendSize="m"
                hint="Numbers that have been on the supplier’s record long enough to trust."
                error={form.errors.phone}
                items={item.callbackNumbers.map((n) => ({
                  value: n.phone,
                  label: `${n.phone}: ${n.contactName}${n.jobTitle ? `, ${n.jobTitle}` : ''}`,
                  hint: `On record since ${formatDate(n.onRecordSince)}`,
                }))}
                value={form.values.phone}
                onChange={(v) => form.set('phone', v)}
              />
              <Textarea
                id="note"
                label="What did they confirm, and who did you speak to? (optional)"
                labelSize="s"
                error={form.errors.note}
                rows={4}
                maxLength={2000}
                value={form.values.note}
                onChange={(e) => form.set('note', e.target.value)}
              />
              <Button busy={form.submitting}>Record call-back</Button>
            </form>
          )}
        </div>
      </div>
    </Page>
  )
}
