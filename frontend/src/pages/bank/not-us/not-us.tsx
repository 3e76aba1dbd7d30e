import { useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api, call, type BankDetails } from '../../../api/client'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { WarningText } from '../../../components/warning-text/warning-text'
import { useForm } from '../../../forms/use-form'
import { formatDateTime } from '../../../format/dates'
import { LinkProblem } from '../../errors/link-problem/link-problem'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { LoadGate } from '../../../lib/load-gate'
import { bankRefusal, useBankDetails } from '../bank-state'

const title = 'Stop a change to your bank details'

/**
 * NotUs is where the "this wasn't us" link in the email to every owner leads
 * (/bank-details/not-us?change=…). An owner confirms that nobody at the
 * organisation asked for the change, and it is frozen: it can never take effect.
 */
export function NotUs() {
  const load = useBankDetails()
  const [params] = useSearchParams()
  const id = params.get('change') ?? ''
  if (!id) {
    return (
      <LinkProblem>
        <p className="govuk-body">
          Go to{' '}
          <Link className="govuk-link" to="/bank-details">
            your bank details
          </Link>{' '}
          to see any change on its way.
        </p>
      </LinkProblem>
    )
  }
  return <LoadGate load={load} {...bankRefusal}>{(d) => <Confirm details={d} id={id} />}</LoadGate>
}

function Confirm({ details, id }: { details: BankDetails; id: string }) {
  const form = useForm({})
  const [done, setDone] = useState<string | undefined>()
  const change = details.changes.find((c) => c.id === id)

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (done !== undefined) {
    return (
      <Page title="You have stopped the change" focusHeading>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Panel title="You have stopped the change" />
            <p className="govuk-body">{done}</p>
            <h2 className="govuk-heading-m">What to do now</h2>
            <ul className="govuk-list govuk-list--bullet">
              <li>Tell the other people in your organisation, in case someone made the change without telling you.</li>
              <li>Change the password of anyone whose account may have been used, and check who is a member.</li>
              <li>The council will contact you. You cannot change your bank details until they have looked into this.</li>
            </ul>
            <p className="govuk-body">
              <Link className="govuk-link" to="/bank-details">
                Go to your bank details
              </Link>
            </p>
          </div>
        </div>
      </Page>
    )
  }
  if (change?.status === 'frozen') {
    return (
      <Page title="This change has already been stopped">
        <h1 className="govuk-heading-l">This change has already been stopped</h1>
        <p className="govuk-body">{change.explanation}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/bank-details">
            Go to your bank details
          </Link>
        </p>
      </Page>
    )
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    let message = ''
    const ok = await form.submit(async () => {
      message = (await call(api.POST('/api/v1/supplier/bank-details/{id}/not-us', { params: { path: { id } } }))).message
    })
    if (ok) setDone(message)
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{details.organisationName}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          {change ? (
            <>
              <p className="govuk-body">Someone asked to change the account the council pays your organisation into, to:</p>
              <SummaryList
                rows={[
                  { key: 'Name on the account', value: change.accountName },
                  { key: 'Sort code', value: change.sortCode },
                  { key: 'Account number', value: `ending ${change.accountLast4}` },
                  { key: 'Asked for by', value: change.requestedBy || 'Not known' },
                  { key: 'Asked for on', value: formatDateTime(change.requestedAt) },
                ]}
              />
            </>
          ) : (
            <p className="govuk-body">This is the change the email told you about.</p>
          )}
          {details.yourRole !== 'owner' && (
            <WarningText>Only an owner of your organisation can stop a change. Ask an owner to do this.</WarningText>
          )}
          <p className="govuk-body">
            If you, or someone you work with, asked for this change, you do not need to do anything. If nobody at your organisation asked
            for it, stop it now. It will never take effect, and the council will look into it as possible fraud.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <ButtonGroup>
              <Button variant="warning" busy={form.submitting}>
                Stop this change
              </Button>
              <Link className="govuk-link" to="/bank-details">
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
