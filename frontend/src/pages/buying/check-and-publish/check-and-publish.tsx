import type { FormEvent, ReactNode } from 'react'
import { Navigate, useNavigate } from 'react-router'
import { api, callWithResponse } from '../../../api/client'
import type { Problem } from '../../../api/errors'
import { useSite } from '../../../app/site'
import { Button } from '../../../components/button/button'
import { BackLink } from '../../../components/back-link/back-link'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { Textarea } from '../../../components/textarea/textarea'
import { WarningText } from '../../../components/warning-text/warning-text'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { formatDay, formatMoment } from '../date-time'
import { DeadlineWarnings } from '../deadline-warnings'
import { draftPath, inputFromView, readyToCheck, tasks, type Opportunity, type TaskKey } from '../draft'
import { formatSize } from '../documents'
import { criterionKindName, procedureName, reservedName } from '../labels'
import { after, CONFLICT_MESSAGE, etagOf, saveDraft, useOpportunity } from '../opportunity-state'
import { minimumPeriod, socialValueBand, socialValueProblem, totalWeight, weightsMessage, type Period, type Rules } from '../rules'
import { mapProblem } from '../task-page'

const title = 'Check your answers before publishing'

function none(text = 'None') {
  return <span className="app-secondary-text">{text}</span>
}

function list(items: ReactNode[]) {
  return items.length ? (
    <ul className="govuk-list">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  ) : (
    none()
  )
}

function rowsFor(key: TaskKey, v: Opportunity): SummaryRow[] {
  const changeTo = `${draftPath(v.id, key)}?change=1`
  const row = (k: string, value: ReactNode): SummaryRow => ({ key: k, value, changeTo })
  switch (key) {
    case 'about':
      return [
        row('Title', v.title),
        row('Summary', <span className="app-pre-line">{v.summary}</span>),
        row('Full description', <span className="app-pre-line">{v.description}</span>),
        row('How suppliers will bid', procedureName(v.procedure)),
      ]
    case 'what':
      return [
        row('Kinds of work', list(v.cpvCodes.map((c) => `${c.description} (${c.code})`))),
        row(
          'Lots',
          v.lots.length
            ? list(v.lots.map((l, i) => `Lot ${i + 1}: ${l.title}${l.valuePence ? `, ${l.valueText}` : ''}${l.cpvDescription ? ` – ${l.cpvDescription}` : ''}`))
            : none('Not split into lots'),
        ),
      ]
    case 'value':
      return [row('Estimated value', v.valueText), row('Contract length', v.contractLengthText)]
    case 'where':
      return [row('Place of delivery', v.placeOfDeliveryName || v.placeOfDelivery)]
    case 'who':
      return [
        row('Suitable for SMEs', v.suitableForSmes ? 'Yes' : 'No'),
        row('Suitable for VCSEs', v.suitableForVcses ? 'Yes' : 'No'),
        row('Who can bid', reservedName(v.reserved)),
      ]
    case 'dates':
      return [
        row('Deadline for clarification questions', v.clarificationDeadline?.text ?? none('Not given')),
        row('Deadline for bids', v.submissionDeadline?.text ?? none('Not given')),
        row('Expected award date', formatDay(v.expectedAwardOn) || none('Not given')),
      ]
    case 'evaluation':
      return [
        row(
          'Criteria',
          list(v.criteria.map((c) => `${c.name}${c.name === criterionKindName(c.kind) ? '' : ` (${criterionKindName(c.kind).toLowerCase()})`}: ${c.weightText}`)),
        ),
        row('Social value weighting', v.socialValueWeightText),
        ...(v.socialValueJustification ? [row('Why social value weighs less', <span className="app-pre-line">{v.socialValueJustification}</span>)] : []),
      ]
    case 'documents':
      return [row('Documents', list(v.documents.filter((d) => d.current).map((d) => `${d.filename} (${formatSize(d.size)})`)))]
  }
}

/** A rule the council checks when publishing, and how this draft does. */
interface RuleCheck {
  rule: string
  text: string
  ok: boolean
}

/** ruleChecks checks the draft against the council's rules as they stand now. */
export function ruleChecks(v: Opportunity, rules: Rules, period: Period | undefined): RuleCheck[] {
  const total = weightsMessage(totalWeight(v.criteria))
  const sv = socialValueProblem(v.socialValueWeightBp, v.socialValueJustification, rules)
  const checks: RuleCheck[] = [
    { rule: 'Weights', text: total.text, ok: total.ok },
    {
      rule: 'Social value',
      text:
        sv ??
        (socialValueBand(v.socialValueWeightBp, rules) === 'ok'
          ? `Social value weighs ${v.socialValueWeightText}`
          : `Social value weighs ${v.socialValueWeightText}, with your explanation of why`),
      ok: !sv,
    },
  ]
  if (period) {
    const got = period.days < 1 ? 'less than a day' : `${period.days} day${period.days === 1 ? '' : 's'}`
    checks.push({
      rule: 'Time to bid',
      text: period.short
        ? `Suppliers would get ${got} to bid if you publish now, less than the council’s minimum of ${period.minDays} days for ${procedureName(v.procedure).toLowerCase()}. Give a reason below, or change the deadline to ${formatMoment(period.earliest)} or later.`
        : `Suppliers get ${got} to bid if you publish now. The council’s minimum is ${period.minDays} days.`,
      ok: !period.short || v.shortPeriodReason !== '',
    })
  }
  return checks
}

/**
 * CheckAndPublish shows the whole draft with Change links, checks it against
 * the council's rules (weights, social value, the minimum time to bid, for
 * which a shorter period needs a reason that is shown publicly), and
 * publishes it. The server checks the rules again at its own time: each
 * problem it finds is shown here and on the page where it can be put right.
 */
export function CheckAndPublish() {
  const opp = useOpportunity()
  const { view } = opp
  const { opportunityRules: rules } = useSite()
  const navigate = useNavigate()
  const form = useForm({ shortPeriodReason: view.shortPeriodReason }, {}, opp.conflict ? [{ text: CONFLICT_MESSAGE }] : [])

  if (view.status !== 'draft') return <Navigate to={draftPath(view.id)} replace />
  if (!readyToCheck(view, opp.done) && form.summary.length === 0) return <Navigate to={draftPath(view.id)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const now = new Date()
  const deadline = view.submissionDeadline ? new Date(view.submissionDeadline.at) : undefined
  const period = minimumPeriod(view.procedure, deadline, now, rules)
  // A short period before a deadline still to come can be explained here; one
  // already passed can only be put right on the dates page.
  const explainable = Boolean(period?.short && deadline && deadline > now)
  const showReason = explainable || view.shortPeriodReason !== '' || Boolean(form.errors.shortPeriodReason)
  const checks = ruleChecks({ ...view, shortPeriodReason: form.values.shortPeriodReason.trim() }, rules, period)

  const onProblem = (problem: Problem) => {
    // The server names the deadline when suppliers get too little time; the
    // reason on this page is one way to put it right.
    const move = (e: { location?: string }) => e.location === 'body.submissionDeadline' && explainable
    const moved = problem.errors?.find(move)
    const relocated: Problem = { ...problem, errors: problem.errors?.map((e) => (move(e) ? { ...e, location: 'body.shortPeriodReason' } : e)) }
    const mapped = mapProblem(relocated, view.id, (f) => f === 'shortPeriodReason')
    const elsewhere = { ...mapped.elsewhere }
    if (moved?.message) elsewhere['submissionDeadline-day'] = moved.message
    opp.setServerErrors(elsewhere)
    return { fields: mapped.fields, summary: mapped.summary }
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const reason = form.values.shortPeriodReason.trim()
    let published: { view: Opportunity; etag: string } | undefined
    const ok = await form.submit(
      async () => {
        let etag = opp.etag
        if (reason !== view.shortPeriodReason) {
          const saved = await saveDraft(view.id, etag, { ...inputFromView(view), shortPeriodReason: reason })
          etag = saved.etag
          opp.replace(saved.view, saved.etag)
        }
        const { data, response } = await callWithResponse(
          api.POST('/api/v1/opportunities/{id}/publish', { params: { path: { id: view.id }, header: { 'If-Match': etag } } }),
        )
        published = { view: data, etag: etagOf(response, data) }
      },
      (err) => {
        if (err.status === 412) {
          void opp.conflicted()
          return { summary: [{ text: CONFLICT_MESSAGE }] }
        }
        return onProblem(err.problem)
      },
    )
    if (ok && published) {
      const { view: latest, etag } = published
      opp.setServerErrors({})
      after(() => {
        navigate(draftPath(view.id, 'published'))
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
          <span className="govuk-caption-l">{view.title}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          {tasks.map((t) => (
            <div key={t.key}>
              <h2 className="govuk-heading-m">{t.title}</h2>
              <SummaryList className="govuk-!-margin-bottom-9" rows={rowsFor(t.key, view)} />
            </div>
          ))}

          <h2 className="govuk-heading-m">The council’s rules</h2>
          <p className="govuk-body">We check these again when you publish, at that moment.</p>
          <SummaryList
            className="govuk-!-margin-bottom-9"
            rows={checks.map((c) => ({
              key: c.rule,
              value: (
                <>
                  <Tag colour={c.ok ? 'green' : 'red'} className="govuk-!-margin-bottom-2">
                    {c.ok ? 'Meets the rule' : 'Does not meet the rule'}
                  </Tag>
                  <br />
                  {c.text}
                </>
              ),
            }))}
          />

          <form noValidate onSubmit={onSubmit}>
            {showReason && (
              <Textarea
                id="shortPeriodReason"
                label="Reason for a shorter time to bid"
                labelSize="m"
                hint={`Required when suppliers get less than the council’s minimum time to bid. It is shown on the public page, so write it for suppliers.`}
                error={form.errors.shortPeriodReason}
                maxLength={5000}
                rows={4}
                value={form.values.shortPeriodReason}
                onChange={(e) => form.set('shortPeriodReason', e.target.value)}
              />
            )}
            <h2 className="govuk-heading-m">Now publish the opportunity</h2>
            <p className="govuk-body">
              Anyone can then see it and bid. Suppliers whose alerts match it are told straight away. After publishing you can only
              change it with an amendment, which suppliers see with your note.
            </p>
            <DeadlineWarnings view={view} />
            <WarningText>Check the deadlines: once published, they can only move later.</WarningText>
            <Button busy={form.submitting}>Publish opportunity</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
