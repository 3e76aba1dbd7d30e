import type { FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, call, type BankQueueItem } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { TextInput } from '../../../components/text-input/text-input'
import { Textarea } from '../../../components/textarea/textarea'
import { WarningText } from '../../../components/warning-text/warning-text'
import { useForm } from '../../../forms/use-form'
import { formatDate } from '../../../format/dates'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { useQueueItem, type QueueNotice } from '../bank-queue'
import { ChangeSummary } from '../change-summary'
import { LoadGate } from '../../../lib/load-gate'

const title = 'Record a call-back'

/** OTHER is the choice of a number found elsewhere, for a supplier's first bank details. */
const OTHER = 'other'

/**
 * RecordCallback records that an officer called the supplier back, on one of
 * the numbers that has been on its record long enough, and what they confirmed.
 * For a supplier's first bank details there may be no such number: the officer
 * may call one found in a source the supplier does not control, and says where.
 */
export function RecordCallback() {
  const { id = '' } = useParams()
  const load = useQueueItem(id)
  return <LoadGate load={load}>{(item) => <CallbackForm item={item} />}</LoadGate>
}

function CallbackForm({ item }: { item: BankQueueItem }) {
  const navigate = useNavigate()
  const onlyOther = item.first && item.callbackNumbers.length === 0
  const form = useForm({ phone: onlyOther ? OTHER : '', otherPhone: '', source: '', note: '' })

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const other = form.values.phone === OTHER
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.values.phone) return form.fail([{ field: 'phone', text: 'Select the number you called' }])
    if (other) {
      const missing = []
      if (!form.values.otherPhone.trim()) missing.push({ field: 'otherPhone', text: 'Enter the number you called' })
      if (!form.values.source.trim()) missing.push({ field: 'source', text: 'Say where you found the number' })
      if (missing.length) return form.fail(missing)
    }
    const ok = await form.submit(async () => {
      await call(
        api.POST('/api/v1/bank-changes/{id}/callback', {
          params: { path: { id: item.id } },
          body: other
            ? { phone: form.values.otherPhone.trim(), source: form.values.source.trim(), note: form.values.note.trim() }
            : { phone: form.values.phone, note: form.values.note.trim() },
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
            {item.first
              ? 'Never call a number given in the request or in an email about it: a fraudster may have given it. Call a number listed here, or one you found yourself in a source the supplier does not control.'
              : 'Only call a number listed here. Never call a number given in the request or in an email about it: a fraudster may have given it.'}
          </WarningText>
          {item.first && <p className="govuk-body">{item.nextStep}</p>}
          {item.callbackNumbers.length === 0 && !item.first ? (
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
              {onlyOther ? (
                <IndependentNumber form={form} />
              ) : (
                <Radios
                  id="phone"
                  legend="Which number did you call?"
                  legendSize="m"
                  hint="Numbers that have been on the supplier’s record long enough to trust."
                  error={form.errors.phone}
                  items={[
                    ...item.callbackNumbers.map((n) => ({
                      value: n.phone,
                      label: `${n.phone}: ${n.contactName}${n.jobTitle ? `, ${n.jobTitle}` : ''}`,
                      hint: `On record since ${formatDate(n.onRecordSince)}`,
                    })),
                    ...(item.first
                      ? [{ value: OTHER, label: 'A number I found in a source the supplier does not control', reveal: <IndependentNumber form={form} /> }]
                      : []),
                  ]}
                  value={form.values.phone}
                  onChange={(v) => form.set('phone', v)}
                />
              )}
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

/** IndependentNumber asks for a number found outside the supplier's record, and where it was found. */
function IndependentNumber({ form }: { form: ReturnType<typeof useForm<{ phone: string; otherPhone: string; source: string; note: string }>> }) {
  return (
    <>
      <TextInput
        id="otherPhone"
        label="Number you called"
        labelSize="s"
        type="tel"
        autoComplete="off"
        className="govuk-input--width-20"
        error={form.errors.otherPhone}
        {...form.bind('otherPhone')}
      />
      <Textarea
        id="source"
        label="Where did you find it?"
        labelSize="s"
        hint="A source the supplier does not control, such as their Companies House or charity register record, or their own website. Give the address if you can."
        error={form.errors.source}
        rows={3}
        maxLength={500}
        value={form.values.source}
        onChange={(e) => form.set('source', e.target.value)}
      />
    </>
  )
}
