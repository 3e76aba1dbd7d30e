import { useState, type FormEvent } from 'react'
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { appPath, fetchApplicationWithDps, type ApplicationWithDps } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { maxValueText } from '../labels'

/**
 * ChooseCategories changes which categories an unsent application is for; the
 * questions that follow change with them.
 */
export function ChooseCategories() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => fetchApplicationWithDps(id), [id])
  return (
    <LoadGate load={load} refusedTitle="You cannot see this application">
      {(data) => <Choose data={data} />}
    </LoadGate>
  )
}

function Choose({ data }: { data: ApplicationWithDps }) {
  const { app, dps } = data
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const form = useForm({})
  const [chosen, setChosen] = useState<string[]>(app.categories.map((c) => c.categoryId))
  const title = 'Which categories do you want to join?'
  const back = params.has('change') ? appPath(app.id, 'check') : appPath(app.id)

  if (app.status !== 'draft') return <Navigate to={appPath(app.id)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (chosen.length === 0) return form.fail([{ field: 'categoryIds', text: 'Choose at least one category to join' }])
    const ok = await form.submit(
      async () => {
        await call(api.PUT('/api/v1/dps-applications/{id}', { params: { path: { id: app.id } }, body: { categoryIds: chosen } }))
      },
      (err) =>
        problemToErrors({
          ...err.problem,
          errors: err.problem.errors?.map((d) => ({ ...d, location: d.location?.replace(/^body\.categoryIds\[\d+\]/, 'body.categoryIds') })),
        }),
    )
    // New categories may bring new questions, so the task list shows them.
    if (ok) navigate(appPath(app.id))
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{dps.title}</span>
          <form noValidate onSubmit={onSubmit}>
            <Checkboxes
              id="categoryIds"
              legend={title}
              isPageHeading
              legendSize="l"
              hint="Select all that apply. Some questions are only for some categories."
              error={form.errors.categoryIds}
              items={dps.categories.map((c) => ({
                value: c.id,
                label: c.name,
                hint: [c.description, c.areaName ? `In ${c.areaName}.` : '', `Contract value: ${maxValueText(c.maxContractValuePence).toLowerCase()}.`]
                  .filter(Boolean)
                  .join(' '),
              }))}
              values={chosen}
              onChange={setChosen}
            />
            <Button busy={form.submitting}>Save and continue</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
