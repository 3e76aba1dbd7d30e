import { useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { useSession } from '../../../app/session'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorMessage } from '../../../components/error-message/error-message'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { Select } from '../../../components/select/select'
import { TextInput } from '../../../components/text-input/text-input'
import { Textarea } from '../../../components/textarea/textarea'
import { required, useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import type { OpportunityView } from '../../opportunities/types'
import { formatDay } from '../../buying/date-time'
import type { Dps } from '../../dps/types'
import { askPath, dpsAskPath } from '../labels'
import { dpsQuestionsOpen, questionsClose, questionsOpen } from '../questions-section/questions-section'
import type { AskInput, SupplierQuestion } from '../types'

/** The longest question the council takes, in characters. */
export const QUESTION_MAX = 5000

/** What the confirmation page is told of the question just sent. */
export interface Sent {
  sent?: SupplierQuestion
}

/**
 * What a question is about, as the form needs it: an opportunity or a DPS
 * (about joining it). The rules and the form are the same for both.
 */
interface Topic {
  kind: 'opportunity' | 'dps'
  id: string
  title: string
  /** closeText says when questions close; open, whether they are still open. */
  closeText?: string
  open: boolean
  contact: string
  lots: { id: string; title: string }[]
  docs: { id: string; filename: string }[]
  /** page is where the answers are shown; noun names the topic in sentences. */
  page: string
  noun: string
}

function opportunityTopic(o: OpportunityView): Topic {
  const close = questionsClose(o)
  return {
    kind: 'opportunity', id: o.id, title: o.title, closeText: close ? close.text || close.at : undefined, open: questionsOpen(o, new Date()),
    contact: o.contactEmail || 'the council', lots: o.lots, docs: o.documents.filter((d) => d.current),
    page: `/opportunities/${encodeURIComponent(o.id)}#questions`, noun: 'opportunity',
  }
}

function dpsTopic(d: Dps): Topic {
  return {
    kind: 'dps', id: d.id, title: d.title, closeText: `the end of ${formatDay(d.endsOn)}`, open: dpsQuestionsOpen(d, new Date()),
    contact: 'the council', lots: [], docs: [], page: `/dps/${encodeURIComponent(d.id)}#questions`, noun: 'list',
  }
}

/**
 * Ask is the page where a supplier asks the council a question about an
 * opportunity, until questions close.
 */
export function Ask() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => call(api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } })), [id])
  return <LoadGate load={load}>{(o) => <AskForm t={opportunityTopic(o)} />}</LoadGate>
}

/**
 * AskAboutDps is the same page for a question about joining a DPS, until it
 * stops taking applications.
 */
export function AskAboutDps() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => call(api.GET('/api/v1/dps/{id}', { params: { path: { id } } })), [id])
  return <LoadGate load={load}>{(d) => <AskForm t={dpsTopic(d)} />}</LoadGate>
}

const empty = { organisationId: '', subject: '', question: '', lotId: '', documentId: '', section: '', answerPrivately: '', privateReason: '' }

function AskForm({ t }: { t: Topic }) {
  const navigate = useNavigate()
  const orgs = useSession().me?.organisations ?? []
  const form = useForm({ ...empty, organisationId: orgs.length === 1 ? orgs[0].id : '' }, {
    fields: {
      subject: 'Subject must be 200 characters or fewer',
      question: `Your question must be ${QUESTION_MAX.toLocaleString('en-GB')} characters or fewer`,
      privateReason: 'Your reason must be 2,000 characters or fewer',
      section: 'The section must be 200 characters or fewer',
    },
  })
  const [closed, setClosed] = useState(false)
  const title = 'Ask a question'
  const docs = t.docs
  const v = form.values
  const privately = v.answerPrivately === 'yes'

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(v, {
      ...(orgs.length > 1 ? { organisationId: 'Choose which of your organisations is asking' } : {}),
      subject: 'Enter what your question is about',
      question: 'Enter your question',
      ...(privately ? { privateReason: 'Say why the answer should go only to you' } : {}),
    })
    if ([...v.question].length > QUESTION_MAX)
      missing.push({ field: 'question', text: `Your question must be ${QUESTION_MAX.toLocaleString('en-GB')} characters or fewer` })
    if (missing.length) return form.fail(missing)
    const body: AskInput = {
      subject: v.subject.trim(),
      question: v.question.trim(),
      ...(v.organisationId ? { organisationId: v.organisationId } : {}),
      ...(v.lotId ? { lotId: v.lotId } : {}),
      ...(v.documentId ? { documentId: v.documentId, section: v.section.trim() } : {}),
      ...(privately ? { answerPrivately: true, privateReason: v.privateReason.trim() } : {}),
    }
    let sent: SupplierQuestion | undefined
    const ok = await form.submit(
      async () => {
        const params = { path: { id: t.id } }
        sent = await call(
          t.kind === 'dps'
            ? api.POST('/api/v1/dps/{id}/questions', { params, body })
            : api.POST('/api/v1/opportunities/{id}/questions', { params, body }),
        )
      },
      (err) => {
        setClosed(err.status === 409)
        return undefined
      },
    )
    if (ok && sent) {
      const state: Sent = { sent }
      navigate(t.kind === 'dps' ? dpsAskPath(t.id, 'sent') : askPath(t.id, 'sent'), { state })
    }
  }

  const open = t.open
  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={t.page}>{`Back to the ${t.noun}`}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary
            errors={form.summary}
            attempt={form.attempt}
            title={closed ? `Questions on this ${t.noun} have closed` : undefined}
          />
          <span className="govuk-caption-l">{t.title}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          {!open && !closed && (
            <div className="govuk-inset-text">
              Questions on this {t.noun} {t.closeText ? `closed at ${t.closeText}` : 'are closed'}. If you need to ask something now, write
              to {t.contact}.
            </div>
          )}
          <p className="govuk-body">
            The council answers in writing. Unless it agrees to answer you privately, it publishes your question and its answer on the
            {t.noun}’s page for everyone, without saying who asked. Do not include your organisation’s name if you can avoid it.
          </p>
          {t.closeText && <p className="govuk-body">You can ask until {t.closeText}.</p>}
          <form noValidate onSubmit={onSubmit}>
            {orgs.length > 1 && (
              <Radios
                id="organisationId"
                legend="Which organisation is asking?"
                legendSize="s"
                error={form.errors.organisationId}
                items={orgs.map((g) => ({ value: g.id, label: g.name }))}
                value={v.organisationId}
                onChange={(x) => form.set('organisationId', x)}
              />
            )}
            <TextInput
              id="subject"
              label="Subject"
              labelSize="s"
              hint="A few words saying what it is about, such as ‘Insurance cover’."
              error={form.errors.subject}
              {...form.bind('subject')}
            />
            <Textarea
              id="question"
              label="Your question"
              labelSize="s"
              error={form.errors.question}
              maxLength={QUESTION_MAX}
              rows={8}
              spellCheck
              value={v.question}
              onChange={(e) => form.set('question', e.target.value)}
            />
            {t.lots.length > 0 && (
              <Select
                id="lotId"
                label="Which lot is it about? (optional)"
                labelSize="s"
                error={form.errors.lotId}
                value={v.lotId}
                onChange={(e) => form.set('lotId', e.target.value)}
                options={[{ value: '', text: 'The whole opportunity' }, ...t.lots.map((l, i) => ({ value: l.id, text: `Lot ${i + 1}: ${l.title}` }))]}
              />
            )}
            {docs.length > 0 && (
              <Select
                id="documentId"
                label="Which document is it about? (optional)"
                labelSize="s"
                error={form.errors.documentId}
                value={v.documentId}
                onChange={(e) => form.set('documentId', e.target.value)}
                options={[{ value: '', text: 'No document in particular' }, ...docs.map((d) => ({ value: d.id, text: d.filename }))]}
              />
            )}
            {v.documentId && (
              <TextInput
                id="section"
                label="Section or paragraph (optional)"
                labelSize="s"
                hint="For example, 3.2 or ‘Payment terms’."
                error={form.errors.section}
                {...form.bind('section')}
              />
            )}
            <PrivateChoice
              checked={privately}
              onToggle={(on) => form.set('answerPrivately', on ? 'yes' : '')}
              reason={v.privateReason}
              onReason={(r) => form.set('privateReason', r)}
              errors={form.errors}
            />
            <Button busy={form.submitting}>Send question</Button>
          </form>
          <p className="govuk-body">
            <Link className="govuk-link" to="/supplier/questions">
              See the questions you have asked
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}

/**
 * PrivateChoice is a GOV.UK checkbox with a conditional reveal: asking for a
 * private answer shows the box for the reason right under it.
 */
function PrivateChoice(props: {
  checked: boolean
  onToggle: (on: boolean) => void
  reason: string
  onReason: (r: string) => void
  errors: Record<string, string>
}) {
  const error = props.errors.answerPrivately
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby="answerPrivately-hint">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who should the answer go to?</legend>
        <div id="answerPrivately-hint" className="govuk-hint">
          The council decides. It answers privately only when sharing the question would give away how you plan to do the work.
        </div>
        <ErrorMessage fieldId="answerPrivately">{error}</ErrorMessage>
        <div className="govuk-checkboxes" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id="answerPrivately"
              name="answerPrivately"
              type="checkbox"
              checked={props.checked}
              onChange={(e) => props.onToggle(e.target.checked)}
              aria-controls="answerPrivately-conditional"
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="answerPrivately">
              Please answer us privately: the question would reveal our approach
            </label>
          </div>
          <div
            className={`govuk-checkboxes__conditional${props.checked ? '' : ' govuk-checkboxes__conditional--hidden'}`}
            id="answerPrivately-conditional"
          >
            <Textarea
              id="privateReason"
              label="Why should only you get the answer?"
              hint="If the council does not agree, it will publish the question for everyone without saying who asked."
              error={props.errors.privateReason}
              value={props.reason}
              onChange={(e) => props.onReason(e.target.value)}
              rows={3}
              spellCheck
            />
          </div>
        </div>
      </fieldset>
    </div>
  )
}
