import type { FormEvent } from 'react'
import { Navigate, useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { WarningText } from '../../../components/warning-text/warning-text'
import { problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { dpsPath, fetchDps, type Notice } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { KindsOfWork } from '../kinds-of-work'
import { feeText, maxValueText, profileFieldName, questionKindName, regimeName, runsText } from '../labels'
import type { Dps } from '../types'

const title = 'Check your supplier list before publishing'

/**
 * CheckAndPublish shows the whole draft with Change links, says what
 * publishing under its rules means, and publishes it.
 */
export function CheckAndPublish() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => fetchDps(id), [id])
  return <LoadGate load={load}>{({ dps }) => <Check dps={dps} />}</LoadGate>
}

function Check({ dps }: { dps: Dps }) {
  const navigate = useNavigate()
  const form = useForm({})
  const edit = dpsPath(dps.id, 'edit')

  if (dps.status !== 'draft') return <Navigate to={dpsPath(dps.id)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await form.submit(
      async () => {
        await call(api.POST('/api/v1/dps/{id}/publish', { params: { path: { id: dps.id } } }))
      },
      // Every field is on the form, so each problem links there.
      (err) => ({ summary: problemToErrors(err.problem).summary.map((l) => (l.field ? { text: l.text, to: edit } : l)) }),
    )
    if (ok) {
      const state: Notice = { notice: 'Published. Suppliers can now apply to join.' }
      navigate(dpsPath(dps.id), { state })
    }
  }

  const row = (key: string, value: SummaryRow['value']): SummaryRow => ({ key, value, changeTo: edit })
  const catName = (id: string) => dps.categories.find((c) => c.id === id)?.name ?? ''

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={dpsPath(dps.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{dps.reference}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <h2 className="govuk-heading-m">About the list</h2>
          <SummaryList
            rows={[
              row('Title', dps.title),
              row('What it buys', <span className="app-pre-line">{dps.description}</span>),
              row('Rules', regimeName(dps.regime)),
              row('When it runs', runsText(dps)),
              row('Fees', feeText(dps)),
            ]}
          />
          <h2 className="govuk-heading-m">Categories</h2>
          {dps.categories.map((c, i) => (
            <SummaryList
              key={c.id}
              rows={[
                row(`Category ${i + 1}`, c.name),
                ...(c.description ? [row('What it covers', <span className="app-pre-line">{c.description}</span>)] : []),
                row('Kinds of work', <KindsOfWork category={c} />),
                row('Contract value', maxValueText(c.maxContractValuePence)),
                row('Area', c.areaName || c.area || 'Anywhere'),
              ]}
            />
          ))}
          <h2 className="govuk-heading-m">Questions for suppliers</h2>
          {dps.questions.length === 0 ? (
            <SummaryList rows={[row('Questions', 'None')]} />
          ) : (
            dps.questions.map((q, i) => (
              <SummaryList
                key={q.id}
                rows={[
                  row(`Question ${i + 1}`, q.text),
                  row('Kind', questionKindName(q.kind)),
                  ...(q.hint ? [row('Help', q.hint)] : []),
                  row('For', q.categoryIds.length ? q.categoryIds.map(catName).join(', ') : 'Every category'),
                  ...(q.profileField ? [row('Filled in from the profile', profileFieldName(q.profileField))] : []),
                ]}
              />
            ))
          )}
          <h2 className="govuk-heading-m">Now publish it</h2>
          {dps.regime === 'pa2023' ? (
            <WarningText>
              Once published, the conditions for joining (the categories, the questions, the fees and the start date) cannot change. Your
              council aims to decide each application within {dps.decisionDays} working days.
            </WarningText>
          ) : (
            <WarningText>
              Under the Public Contracts Regulations 2015 you cannot invite bids until 30 days after publishing, and you must decide each
              application within 10 working days.
            </WarningText>
          )}
          <p className="govuk-body">Suppliers can see it straight away, and apply from the day it opens. We remind you when a decision on an application is nearly due.</p>
          <form noValidate onSubmit={onSubmit}>
            <Button busy={form.submitting}>Publish</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
