import type { FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, call, type Insurance } from '../../../api/client'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { useForm } from '../../../forms/use-form'
import { formatPounds } from '../../../format/money'
import { PageNotFound } from '../../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { formatDay, kindName } from '../certificate'
import { LoadGate } from '../../../lib/load-gate'
import { insuranceRefusal, useInsurances, type InsuranceNotice } from '../insurance-state'

/** RemoveCertificate asks for confirmation before removing a certificate and its document. */
export function RemoveCertificate() {
  const load = useInsurances()
  const { id = '' } = useParams()
  return (
    <LoadGate load={load} {...insuranceRefusal}>
      {(items) => {
        const item = items.find((i) => i.id === id)
        return item ? <Confirm item={item} /> : <PageNotFound />
      }}
    </LoadGate>
  )
}

function Confirm({ item }: { item: Insurance }) {
  const navigate = useNavigate()
  const form = useForm({})
  const name = kindName(item.kind)
  const title = `Are you sure you want to remove this ${name.toLowerCase()} certificate?`

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await form.submit(async () => {
      await call(api.DELETE('/api/v1/supplier/insurances/{id}', { params: { path: { id: item.id } } }))
    })
    if (ok) {
      const state: InsuranceNotice = { notice: `${name} certificate removed` }
      navigate('/insurance', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <SummaryList
            rows={[
              { key: 'Cover', value: formatPounds(item.amountPence) },
              { key: 'Expires', value: formatDay(item.expiresOn) },
              { key: 'Certificate', value: <span className="app-break-words">{item.filename}</span> },
            ]}
          />
          <p className="govuk-body">Council buyers will no longer see it. You cannot undo this, but you can add the certificate again.</p>
          <form noValidate onSubmit={onSubmit}>
            <ButtonGroup>
              <Button variant="warning" busy={form.submitting}>
                Remove certificate
              </Button>
              <Link className="govuk-link" to="/insurance">
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
