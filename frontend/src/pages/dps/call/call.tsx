import { useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { isProblem } from '../../../api/errors'
import { BackLink } from '../../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../../components/button/button'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { WarningText } from '../../../components/warning-text/warning-text'
import { formatDate } from '../../../format/dates'
import { problemToErrors, type SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { membersText, regimeName } from '../labels'
import type { Call, Dps, Opportunity } from '../types'

const title = 'Choose the DPS and categories'

/** fetchCall loads the DPS and categories an opportunity is a call for, or undefined when it is none yet. */
async function fetchCall(id: string): Promise<Call | undefined> {
  try {
    return await call(api.GET('/api/v1/opportunities/{id}/dps-call', { params: { path: { id } } }))
  } catch (err) {
    if (isProblem(err, 404)) return undefined
    throw err
  }
}

/** draftHome is the buyer's page of an opportunity. */
function draftHome(id: string): string {
  return `/buying/${encodeURIComponent(id)}`
}

/**
 * CallPage makes a draft opportunity a call for competition under a DPS: the
 * buyer chooses the DPS and the categories whose members are invited. What
 * the server warns about (a category nobody has joined yet) is shown as
 * warning text, before the buyer publishes.
 */
export function CallPage() {
  const { opportunityId = '' } = useParams()
  const { load } = useLoad(async () => {
    const [opportunity, list, linked] = await Promise.all([
      call(api.GET('/api/v1/opportunities/{id}', { params: { path: { id: opportunityId } } })),
      call(api.GET('/api/v1/dps')),
      fetchCall(opportunityId),
    ])
    return { opportunity, dpss: list.items.filter((d) => d.status !== 'draft'), linked }
  }, [opportunityId])
  return (
    <LoadGate load={load} refusedTitle="You cannot change this opportunity">
      {(data) => <Choose {...data} />}
    </LoadGate>
  )
}

function Warnings({ linked, dps }: { linked?: Call; dps?: Dps }) {
  const firstCall = dps?.regime === 'pcr2015' && dps.firstCallFrom && Date.parse(dps.firstCallFrom) > Date.now() ? dps.firstCallFrom : undefined
  if (!linked?.warnings.length && !firstCall && dps?.status !== 'not_started' && dps?.status !== 'closed') return null
  return (
    <>
      {linked?.warnings.map((w) => (
        <WarningText key={w}>{w}</WarningText>
      ))}
      {firstCall && (
        <WarningText>
          You cannot publish this call before {formatDate(firstCall)}. Under the Public Contracts Regulations 2015, the first call for
          competition must wait 30 days after the DPS was published.
        </WarningText>
      )}
      {dps?.status === 'not_started' && <WarningText>This DPS is not open yet, so you cannot publish this call until it opens.</WarningText>}
      {dps?.status === 'closed' && <WarningText>This DPS has closed, so you cannot publish a call under it.</WarningText>}
    </>
  )
}

function Choose({ opportunity, dpss, linked: initial }: { opportunity: Opportunity; dpss: Dps[]; linked?: Call }) {
  const [linked, setLinked] = useState<Call | undefined>(initial)
  const [saved, setSaved] = useState(false)
  const [dpsId, setDpsId] = useState(initial?.dpsId ?? (dpss.length === 1 ? dpss[0].id : ''))
  const [categoryIds, setCategoryIds] = useState<string[]>(initial?.categoryIds ?? [])
  const form = useForm({})
  const home = draftHome(opportunity.id)
  const chosen = dpss.find((d) => d.id === dpsId)

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  if (opportunity.procedure !== 'dps_call') {
    return (
      <Page title={title}>
        <BackLink to={home} />
        <span className="govuk-caption-l">{opportunity.title}</span>
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">This opportunity is not a call for competition under a DPS.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`${home}/about`}>
            Change how suppliers will bid
          </Link>
        </p>
      </Page>
    )
  }

  if (opportunity.status !== 'draft') {
    return (
      <Page title={title}>
        <BackLink to={home} />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <span className="govuk-caption-l">{opportunity.title}</span>
            <h1 className="govuk-heading-l">The DPS and categories of this call</h1>
            {linked ? (
              <SummaryList
                rows={[
                  { key: 'DPS', value: linked.dpsTitle },
                  { key: 'Categories', value: linked.categories.join(', ') },
                  { key: 'Suppliers invited', value: linked.invited.toLocaleString('en-GB') },
                ]}
              />
            ) : (
              <p className="govuk-body">This call is not linked to a DPS.</p>
            )}
          </div>
        </div>
      </Page>
    )
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const problems: SummaryError[] = []
    if (!dpsId) problems.push({ field: 'dpsId', text: 'Choose the DPS this call is under' })
    else if (categoryIds.length === 0) problems.push({ field: 'categoryIds', text: 'Choose at least one category whose members you will invite' })
    if (problems.length) return form.fail(problems)
    setSaved(false)
    let got: Call | undefined
    const ok = await form.submit(
      async () => {
        got = await call(api.PUT('/api/v1/opportunities/{id}/dps-call', { params: { path: { id: opportunity.id } }, body: { dpsId, categoryIds } }))
      },
      (err) => {
        const mapped = problemToErrors({
          ...err.problem,
          errors: err.problem.errors?.map((d) => ({ ...d, location: d.location?.replace(/^body\.categoryIds\[\d+\]/, 'body.categoryIds') })),
        })
        // The procedure is chosen on the opportunity's own page.
        return { ...mapped, summary: mapped.summary.map((l) => (l.field === 'procedure' ? { text: l.text, to: `${home}/about` } : l)) }
      },
    )
    if (ok && got) {
      setLinked(got)
      setSaved(true)
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={home} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {saved && linked && (
            <NotificationBanner type="success" heading={`Saved: only suppliers admitted to ${linked.categories.join(', ')} will be invited.`} />
          )}
          <span className="govuk-caption-l">{opportunity.title}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            When you publish this call for competition, we invite every supplier admitted to the categories you choose. Only they can see
            its documents and bid.
          </p>
          <Warnings linked={linked && linked.dpsId === dpsId ? linked : undefined} dps={chosen} />
          {dpss.length === 0 ? (
            <p className="govuk-body">
              There are no published supplier lists yet.{' '}
              <Link className="govuk-link" to="/dps/new">
                Set one up
              </Link>
              .
            </p>
          ) : (
            <form noValidate onSubmit={onSubmit}>
              <Radios
                id="dpsId"
                legend="Which DPS is this call under?"
                legendSize="m"
                error={form.errors.dpsId}
                items={dpss.map((d) => ({ value: d.id, label: d.title, hint: `${d.reference}. ${regimeName(d.regime)}.` }))}
                value={dpsId}
                onChange={(id) => {
                  setDpsId(id)
                  setCategoryIds([])
                }}
              />
              {chosen && (
                <Checkboxes
                  id="categoryIds"
                  legend="Which categories’ members will you invite?"
                  legendSize="m"
                  hint="Select all that apply."
                  error={form.errors.categoryIds}
                  items={chosen.categories.map((c) => ({ value: c.id, label: c.name, hint: membersText(c) }))}
                  values={categoryIds}
                  onChange={setCategoryIds}
                />
              )}
              <ButtonGroup>
                <Button busy={form.submitting}>Save</Button>
                <Link className="govuk-link" to={home}>
                  Back to the opportunity
                </Link>
              </ButtonGroup>
            </form>
          )}
        </div>
      </div>
    </Page>
  )
}
