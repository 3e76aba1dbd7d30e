import { useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { useOrganisationId } from '../../../app/require-role'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { formatDay } from '../../buying/date-time'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { appPath, dpsPath, fetchDps } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { categoryStatus, maxValueText } from '../labels'
import type { Application, Dps } from '../types'

/** The categories an organisation holds or has asked for in a DPS, which it cannot ask for again. */
export function takenCategories(apps: Application[], dpsId: string): Map<string, string> {
  const taken = new Map<string, string>()
  for (const a of apps) {
    if (a.dpsId !== dpsId || (a.status !== 'submitted' && a.status !== 'decided')) continue
    for (const c of a.categories) {
      if (c.status === 'requested' || c.status === 'admitted' || c.status === 'suspended') taken.set(c.categoryId, c.status)
    }
  }
  return taken
}

/**
 * Apply starts an application: the supplier chooses the categories to join,
 * and the server makes a draft with what the profile already answers.
 * Categories the organisation already belongs to or is waiting to hear about
 * are not offered again; an unsent application is offered to carry on with.
 */
export function Apply() {
  const { id = '' } = useParams()
  const { load } = useLoad(async () => {
    const [{ dps }, mine] = await Promise.all([fetchDps(id), call(api.GET('/api/v1/supplier/dps-applications'))])
    return { dps, apps: mine.items }
  }, [id])
  return (
    <LoadGate load={load} refusedTitle="You cannot apply">
      {({ dps, apps }) => <Choose dps={dps} apps={apps} />}
    </LoadGate>
  )
}

function NotOpen({ dps }: { dps: Dps }) {
  const title = 'This list is not taking applications'
  return (
    <Page title={title}>
      <BackLink to={dpsPath(dps.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{dps.title}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            {dps.status === 'not_started'
              ? `It opens on ${formatDay(dps.startsOn)}. Come back then to apply.`
              : `It closed on ${formatDay(dps.endsOn)}.`}
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/dps">
              Find another supplier list
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}

function Choose({ dps, apps }: { dps: Dps; apps: Application[] }) {
  const navigate = useNavigate()
  const organisationId = useOrganisationId()
  const form = useForm({}, { fields: { categoryIds: 'Choose categories of this list' } })
  const [chosen, setChosen] = useState<string[]>([])
  const taken = takenCategories(apps, dps.id)
  const draft = apps.find((a) => a.dpsId === dps.id && a.status === 'draft')
  const offered = dps.categories.filter((c) => !taken.has(c.id))
  const title = 'Which categories do you want to join?'

  if (dps.status !== 'open') return <NotOpen dps={dps} />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (chosen.length === 0) return form.fail([{ field: 'categoryIds', text: 'Choose at least one category to join' }])
    let made: Application | undefined
    const ok = await form.submit(
      async () => {
        made = await call(api.POST('/api/v1/dps/{id}/applications', { params: { path: { id: dps.id } }, body: { categoryIds: chosen, organisationId } }))
      },
      (err) => {
        // Each category's problem is shown by the checkboxes, which hold them all.
        const mapped = problemToErrors(
          { ...err.problem, errors: err.problem.errors?.map((d) => ({ ...d, location: d.location?.replace(/^body\.categoryIds\[\d+\]/, 'body.categoryIds') })) },
          { fields: { categoryIds: 'Choose categories of this list' } },
        )
        return mapped
      },
    )
    if (ok && made) navigate(appPath(made.id))
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={dpsPath(dps.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {draft && (
            <div className="govuk-inset-text">
              You have already started an application to this list.{' '}
              <Link className="govuk-link" to={appPath(draft.id)}>
                Carry on with it
              </Link>{' '}
              rather than starting another.
            </div>
          )}
          {taken.size > 0 && (
            <>
              <p className="govuk-body">You cannot apply again for these categories:</p>
              <ul className="govuk-list govuk-list--bullet">
                {dps.categories
                  .filter((c) => taken.has(c.id))
                  .map((c) => (
                    <li key={c.id}>
                      {c.name}: {categoryStatus(taken.get(c.id)!).text.toLowerCase()}
                    </li>
                  ))}
              </ul>
            </>
          )}
          {offered.length === 0 ? (
            <>
              <span className="govuk-caption-l">{dps.title}</span>
              <h1 className="govuk-heading-l">You have applied for every category</h1>
              <p className="govuk-body">
                <Link className="govuk-link" to="/dps-applications">
                  See your applications
                </Link>
              </p>
            </>
          ) : (
            <form noValidate onSubmit={onSubmit}>
              <span className="govuk-caption-l">{dps.title}</span>
              <Checkboxes
                id="categoryIds"
                legend={title}
                isPageHeading
                legendSize="l"
                hint="Select all that apply. You can apply for more later."
                error={form.errors.categoryIds}
                items={offered.map((c) => ({
                  value: c.id,
                  label: c.name,
                  hint: [c.description, c.areaName ? `In ${c.areaName}.` : '', `Contract value: ${maxValueText(c.maxContractValuePence).toLowerCase()}.`]
                    .filter(Boolean)
                    .join(' '),
                }))}
                values={chosen}
                onChange={setChosen}
              />
              <Button busy={form.submitting}>Continue</Button>
            </form>
          )}
        </div>
      </div>
    </Page>
  )
}
