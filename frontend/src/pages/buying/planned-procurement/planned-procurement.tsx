import { useState, type FormEvent } from 'react'
import { useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { useSite } from '../../../app/site'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { CpvPicker, type CpvCode } from '../../../components/cpv-picker/cpv-picker'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { Select } from '../../../components/select/select'
import { Textarea } from '../../../components/textarea/textarea'
import { TextInput } from '../../../components/text-input/text-input'
import { problemToErrors, type SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { penceToPoundsInput, poundsToPence } from '../../../format/money'
import { LoadGate } from '../../../lib/load-gate'
import { notFound, useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { groupByRegion, useLocalAuthorities } from '../../profile/local-authorities'
import { todayInLondon } from '../date-time'
import type { Opportunity, PlannedInput } from '../draft'
import { procedures } from '../labels'
import type { ListNotice } from '../opportunity-list/opportunity-list'

const MONTHS = ['January to March', 'April to June', 'July to September', 'October to December']

/** quarterText writes 2027-Q2 as "April to June 2027". */
export function quarterText(q: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(q)
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : q
}

/** upcomingQuarters lists this quarter and the next ones, in London, as the API writes them (2027-Q2). */
export function upcomingQuarters(today: string, count = 8): string[] {
  let year = Number(today.slice(0, 4))
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`)
    q++
    if (q > 4) {
      q = 1
      year++
    }
  }
  return out
}

/** The answers as typed. */
interface PlanValues extends Record<string, string> {
  title: string
  summary: string
  expectedQuarter: string
  value: string
  contactEmail: string
  procedure: string
  placeOfDelivery: string
  suitability: string
}

function valuesFrom(v?: Opportunity): PlanValues {
  return {
    title: v?.title ?? '',
    summary: v?.summary ?? '',
    expectedQuarter: v?.expectedQuarter ?? '',
    value: v?.estimatedValuePence ? penceToPoundsInput(v.estimatedValuePence) : '',
    contactEmail: v?.contactEmail ?? '',
    procedure: v?.procedure ?? '',
    placeOfDelivery: v?.placeOfDelivery ?? '',
    suitability: [v?.suitableForSmes && 'smes', v?.suitableForVcses && 'vcses'].filter(Boolean).join(','),
  }
}

/**
 * checkPlan checks a planned procurement as typed and returns it as the API
 * takes it, or the summary lines in the order of the page.
 */
export function checkPlan(v: PlanValues, cpv: CpvCode[]): { plan: PlannedInput; errors?: undefined } | { errors: SummaryError[] } {
  const errors: SummaryError[] = []
  if (!v.title.trim()) errors.push({ field: 'title', text: 'Enter a title that says what the council expects to buy' })
  if (!v.summary.trim()) errors.push({ field: 'summary', text: 'Enter a summary in plain English' })
  if (!/^\d{4}-Q[1-4]$/.test(v.expectedQuarter)) errors.push({ field: 'expectedQuarter', text: 'Choose when you expect to publish it' })
  const value = poundsToPence(v.value, 'The estimated value')
  if (value.error !== undefined) errors.push({ field: 'estimatedValuePence', text: value.error })
  else if (value.pence === 0) errors.push({ field: 'estimatedValuePence', text: 'The estimated value must be more than £0' })
  if (cpv.length === 0) errors.push({ field: 'cpvCodes', text: 'Choose at least one kind of work. Search for it, then select Add' })
  const email = v.contactEmail.trim()
  if (!email) errors.push({ field: 'contactEmail', text: 'Enter the email address suppliers can ask about it' })
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    errors.push({ field: 'contactEmail', text: 'Enter an email address in the correct format, like procurement@example.gov.uk' })
  if (errors.length || value.pence === undefined) return { errors }
  const suitability = v.suitability.split(',')
  return {
    plan: {
      title: v.title.trim(),
      summary: v.summary.trim(),
      expectedQuarter: v.expectedQuarter,
      estimatedValuePence: value.pence,
      cpvCodes: cpv.map((c) => c.code),
      contactEmail: email,
      procedure: v.procedure as PlannedInput['procedure'],
      placeOfDelivery: v.placeOfDelivery,
      suitableForSmes: suitability.includes('smes'),
      suitableForVcses: suitability.includes('vcses'),
    },
  }
}

/**
 * PlannedProcurement adds a planned procurement to the public pipeline (at
 * /buying/pipeline), or changes one (at /buying/pipeline/:id), so that
 * suppliers can prepare and form consortia before it opens.
 */
export function PlannedProcurement() {
  const { id } = useParams()
  return id ? <ChangePlan id={id} /> : <PlanForm />
}

// ChangePlan loads the planned procurement to change; anything else by that
// id (or any refusal) is not found here.
function ChangePlan({ id }: { id: string }) {
  const { load } = useLoad(
    async () => {
      const view = await call(api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } }))
      if (view.status !== 'planned') throw notFound()
      return view
    },
    [id],
    { missing: 'any' },
  )
  return <LoadGate load={load}>{(view) => <PlanForm view={view} />}</LoadGate>
}

function PlanForm({ view }: { view?: Opportunity }) {
  const navigate = useNavigate()
  const { councilCode } = useSite()
  const las = useLocalAuthorities()
  const form = useForm<PlanValues>(valuesFrom(view))
  const [cpv, setCpv] = useState<CpvCode[]>(view?.cpvCodes ?? [])
  const v = form.values
  const title = view ? 'Change a planned procurement' : 'Add a planned procurement'
  const quarters = upcomingQuarters(todayInLondon())
  if (v.expectedQuarter && !quarters.includes(v.expectedQuarter)) quarters.unshift(v.expectedQuarter)
  const suitability = v.suitability ? v.suitability.split(',') : []
  const own = las.list.find((la) => la.code === councilCode)

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const checked = checkPlan(v, cpv)
    if (checked.errors) return form.fail(checked.errors)
    const ok = await form.submit(
      async () => {
        if (view) await call(api.PUT('/api/v1/pipeline/{id}', { params: { path: { id: view.id } }, body: checked.plan }))
        else await call(api.POST('/api/v1/pipeline', { body: checked.plan }))
      },
      (err) => {
        const mapped = problemToErrors(err.problem)
        const onPage = (f: string) => (f.startsWith('cpvCodes') ? 'cpvCodes' : f)
        return {
          fields: Object.fromEntries(Object.entries(mapped.fields).map(([f, t]) => [onPage(f), t])),
          summary: mapped.summary.map((s) => (s.field ? { ...s, field: onPage(s.field) } : s)),
        }
      },
    )
    if (ok) {
      const state: ListNotice = { notice: `‘${checked.plan.title}’ is ${view ? 'changed' : 'in the pipeline'}: suppliers can see it now` }
      navigate('/buying', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/buying" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Telling suppliers early what the council expects to buy gives small businesses and VCSEs time to prepare, and to team up
            with others. It appears on the public pipeline straight away.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <TextInput id="title" label="Title" labelSize="m" hint="What the council expects to buy, in a few words." error={form.errors.title} {...form.bind('title')} />
            <Textarea
              id="summary"
              label="Summary"
              labelSize="m"
              hint="A few sentences of plain English."
              error={form.errors.summary}
              maxLength={1000}
              rows={4}
              value={v.summary}
              onChange={(e) => form.set('summary', e.target.value)}
            />
            <Select
              id="expectedQuarter"
              label="When do you expect to publish it?"
              labelSize="m"
              error={form.errors.expectedQuarter}
              value={v.expectedQuarter}
              onChange={(e) => form.set('expectedQuarter', e.target.value)}
              options={[{ value: '', text: 'Choose a quarter' }, ...quarters.map((q) => ({ value: q, text: quarterText(q) }))]}
            />
            <TextInput
              id="estimatedValuePence"
              label="Estimated value, without VAT"
              labelSize="m"
              hint="For example, 120,000."
              error={form.errors.estimatedValuePence}
              prefix="£"
              inputMode="decimal"
              spellCheck={false}
              className="govuk-input--width-10"
              {...form.bind('value')}
            />
            <CpvPicker id="cpvCodes" chosen={cpv} onChange={setCpv} error={form.errors.cpvCodes} />
            <TextInput
              id="contactEmail"
              label="Contact email address"
              labelSize="m"
              hint="Suppliers can ask about it here. A team mailbox is best."
              type="email"
              autoComplete="email"
              spellCheck={false}
              error={form.errors.contactEmail}
              {...form.bind('contactEmail')}
            />
            <Radios
              id="procedure"
              legend="How do you expect suppliers to bid? (optional)"
              legendSize="m"
              error={form.errors.procedure}
              items={procedures}
              value={v.procedure}
              onChange={(p) => form.set('procedure', p)}
            />
            {!las.failed && (
              <Select
                id="placeOfDelivery"
                label="Where will the work be done? (optional)"
                labelSize="m"
                error={form.errors.placeOfDelivery}
                value={v.placeOfDelivery}
                onChange={(e) => form.set('placeOfDelivery', e.target.value)}
                options={[
                  { value: '', text: 'Not known yet' },
                  ...(own ? [{ value: own.code, text: `${own.name} (the council’s own area)` }] : []),
                  ...groupByRegion(las.list.filter((la) => la.code !== councilCode)),
                ]}
              />
            )}
            <Checkboxes
              id="suitability"
              legend="Is the work likely to suit these suppliers?"
              legendSize="m"
              hint="Select all that apply."
              items={[
                { value: 'smes', label: 'Small and medium-sized businesses (SMEs)' },
                { value: 'vcses', label: 'Voluntary, community and social enterprise organisations (VCSEs)' },
              ]}
              values={suitability}
              onChange={(vs) => form.set('suitability', vs.join(','))}
            />
            <Button busy={form.submitting}>{view ? 'Save changes' : 'Add to the pipeline'}</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
