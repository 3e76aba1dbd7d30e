import type { FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, callWithResponse } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Textarea } from '../../../components/textarea/textarea'
import { WarningText } from '../../../components/warning-text/warning-text'
import { problemToErrors } from '../../../forms/problem'
import { required, useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { draftPath, type Opportunity } from '../draft'
import type { OverviewNotice } from '../opportunity-overview/opportunity-overview'
import { after, etagOf, useOpportunity } from '../opportunity-state'

/**
 * Cancel asks the buyer to confirm cancelling a published opportunity, with a
 * reason that suppliers see. It cannot be undone.
 */
export function Cancel() {
  const opp = useOpportunity()
  const { view } = opp
  const navigate = useNavigate()
  const form = useForm({ reason: '' })
  const title = `Are you sure you want to cancel ‘${view.title}’?`

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (view.status !== 'open' && view.status !== 'closed') {
    const why = view.status === 'draft' ? 'A draft is not public, so there is nothing to cancel.' : 'This opportunity is already cancelled.'
    return (
      <Page title="You cannot cancel this opportunity">
        <BackLink to={draftPath(view.id)} />
        <h1 className="govuk-heading-l">You cannot cancel this opportunity</h1>
        <p className="govuk-body">{why}</p>
      </Page>
    )
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, { reason: 'Say why the opportunity is cancelled: suppliers see the reason' })
    if (missing.length) return form.fail(missing)
    let cancelled: { view: Opportunity; etag: string } | undefined
    const ok = await form.submit(
      async () => {
        const { data, response } = await callWithResponse(
          api.POST('/api/v1/opportunities/{id}/cancel', { params: { path: { id: view.id } }, body: { reason: form.values.reason.trim() } }),
        )
        cancelled = { view: data, etag: etagOf(response, data) }
      },
      (err) => (err.status === 409 ? { summary: [{ text: err.problem.detail || 'This opportunity cannot be cancelled.' }] } : problemToErrors(err.problem)),
    )
    if (ok && cancelled) {
      const state: OverviewNotice = { notice: `${view.reference} cancelled. Suppliers can see why.` }
      const { view: latest, etag } = cancelled
      after(() => {
        navigate(draftPath(view.id), { state })
        opp.replace(latest, etag)
      })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={draftPath(view.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{view.reference}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Suppliers will no longer be able to bid, and those following it are told. The opportunity stays on the public list, marked
            as cancelled, with your reason.
          </p>
          <WarningText>You cannot undo this.</WarningText>
          <form noValidate onSubmit={onSubmit}>
            <Textarea
              id="reason"
              label="Why are you cancelling it?"
              labelSize="m"
              hint="Suppliers see this. For example, ‘The council no longer needs this service because the library is closing.’"
              error={form.errors.reason}
              maxLength={2000}
              rows={4}
              value={form.values.reason}
              onChange={(e) => form.set('reason', e.target.value)}
            />
            <ButtonGroup>
              <Button variant="warning" busy={form.submitting}>
                Cancel this opportunity
              </Button>
              <Link className="govuk-link" to={draftPath(view.id)}>
                No, keep it
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
