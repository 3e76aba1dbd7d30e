import type { FormEvent } from 'react'
import { Navigate, useNavigate } from 'react-router'
import { api, call, type BankDetails } from '../../../api/client'
import { useOrganisationId } from '../../../app/require-role'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { LoadGate } from '../../../lib/load-gate'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { FirstDetailsNext, formatSortCode, lastFour, useBankEntry, type BankValues } from '../bank-entry'
import { bankRefusal, useBankDetails, type BankNotice } from '../bank-state'

const title = 'Check your bank details before sending them'
const enterPath = '/bank-details/change'

/**
 * CheckBankDetails shows first bank details back to the supplier, the account
 * number masked but for its last 4 digits, with Change links, says what
 * happens next and how long it takes, and sends them.
 */
export function CheckBankDetails() {
  const load = useBankDetails()
  const { values } = useBankEntry()
  // Opened without details (a reload forgets them, on purpose): start again.
  if (!values) return <Navigate to={enterPath} replace />
  return <LoadGate load={load} {...bankRefusal}>{(d) => <Check details={d} values={values} />}</LoadGate>
}

function Check({ details, values }: { details: BankDetails; values: BankValues }) {
  const navigate = useNavigate()
  const org = useOrganisationId()
  const form = useForm({})
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    let message = ''
    const ok = await form.submit(
      async () => {
        const r = await call(
          api.POST('/api/v1/supplier/bank-details', {
            params: { query: { organisationId: org } },
            body: { accountName: values.accountName.trim(), sortCode: values.sortCode, accountNumber: values.accountNumber },
          }),
        )
        message = r.message
      },
      // A field the server refuses is on the page before: link there.
      (err) => {
        const { summary } = problemToErrors(err.problem)
        return { summary: summary.map((s) => (s.field ? { text: s.text, to: `${enterPath}#${s.field}` } : s)) }
      },
    )
    if (ok) {
      // Leaving the pages under BankEntry forgets the details: the whole number goes with them.
      const state: BankNotice = { notice: message }
      navigate('/bank-details', { state })
    }
  }

  const change = `${enterPath}#`
  return (
    <Page title={title} error={form.summary.length > 0} focusHeading>
      <BackLink to={enterPath} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{details.organisationName}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <h2 className="govuk-heading-m">The account we will pay into</h2>
          <SummaryList
            rows={[
              { key: 'Name on the account', value: values.accountName.trim(), changeTo: `${change}accountName` },
              { key: 'Sort code', value: formatSortCode(values.sortCode), changeTo: `${change}sortCode` },
              {
                key: 'Account number',
                value: (
                  <>
                    <span aria-hidden="true">••••</span>
                    <span className="govuk-visually-hidden">ending </span>
                    {lastFour(values.accountNumber)}
                  </>
                ),
                changeTo: `${change}accountNumber`,
              },
            ]}
          />
          <p className="govuk-body">
            We only show the last 4 digits of the account number. If you are not sure you typed it correctly, change it and type it
            again.
          </p>
          <h2 className="govuk-heading-m">What happens next</h2>
          <FirstDetailsNext details={details} />
          <h2 className="govuk-heading-m">Now send your bank details</h2>
          <p className="govuk-body">
            By sending these details you confirm that the account belongs to {details.organisationName}.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <Button busy={form.submitting}>Send bank details</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
