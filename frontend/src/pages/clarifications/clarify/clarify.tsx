import { useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Textarea } from '../../../components/textarea/textarea'
import { TextInput } from '../../../components/text-input/text-input'
import { problemToErrors } from '../../../forms/problem'
import { required, useForm, type ProblemHandler } from '../../../forms/use-form'
import { draftPath } from '../../buying/draft'
import { useOpportunity } from '../../buying/opportunity-state'
import type { OverviewNotice } from '../../buying/opportunity-overview/opportunity-overview'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { CheckBeforePublishing, CorrectsSelect, preview } from '../published-answer'
import { AttachDocuments } from '../attach-documents'
import type { ClarificationDocument, PublishedAnswer } from '../types'

const title = 'Publish a clarification'

/**
 * Clarify publishes a clarification nobody asked for to everyone: a subject,
 * what it clarifies (as a question, if that reads better) and the answer,
 * optionally correcting an earlier answer. As with an answer to a question,
 * the council checks exactly what everyone will see before it goes.
 */
export function Clarify() {
  const { view } = useOpportunity()
  const { load } = useLoad(async () => (await call(api.GET('/api/v1/opportunities/{id}/questions', { params: { path: { id: view.id } } }))).items, [view.id])
  if (view.status !== 'open' && view.status !== 'closed') {
    return (
      <Page title="You cannot publish a clarification yet">
        <BackLink to={draftPath(view.id)} />
        <h1 className="govuk-heading-l">You cannot publish a clarification yet</h1>
        <p className="govuk-body">
          {view.status === 'cancelled' ? 'This opportunity has been cancelled.' : 'Publish the opportunity first: suppliers cannot see it yet.'}
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={draftPath(view.id)}>
            Go back to the opportunity
          </Link>
        </p>
      </Page>
    )
  }
  return <LoadGate load={load}>{(published) => <ClarifyForm published={published} />}</LoadGate>
}

const empty = { subject: '', question: '', answer: '', correctsNumber: '' }

function ClarifyForm({ published }: { published: PublishedAnswer[] }) {
  const { view } = useOpportunity()
  const navigate = useNavigate()
  const form = useForm(empty)
  const [checking, setChecking] = useState(false)
  const [documents, setDocuments] = useState<ClarificationDocument[]>([])
  const v = form.values

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onProblem: ProblemHandler = (err) => {
    setChecking(false)
    if (err.status === 409) return { summary: [{ text: err.problem.detail || 'This opportunity cannot take clarifications now.' }] }
    return problemToErrors(err.problem)
  }

  const send = async () => {
    let saved: PublishedAnswer | undefined
    const ok = await form.submit(async () => {
      saved = await call(
        api.POST('/api/v1/opportunities/{id}/clarifications', {
          params: { path: { id: view.id } },
          body: {
            subject: v.subject.trim(),
            answer: v.answer.trim(),
            ...(v.question.trim() ? { question: v.question.trim() } : {}),
            ...(v.correctsNumber ? { correctsNumber: Number(v.correctsNumber) } : {}),
            ...(documents.length ? { documentIds: documents.map((d) => d.id) } : {}),
          },
        }),
      )
    }, onProblem)
    if (!ok || !saved) return
    const state: OverviewNotice = { notice: `Clarification published to everyone as answer ${saved.number ?? ''}`.trim() }
    navigate(draftPath(view.id), { state })
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    const missing = required(v, { subject: 'Enter what the clarification is about', answer: 'Enter the clarification' })
    if (missing.length) return form.fail(missing)
    setChecking(true)
  }

  if (checking) {
    const draft = { threadRef: '', subject: v.subject, question: v.question, answer: v.answer, correctsNumber: Number(v.correctsNumber) || 0, documents }
    return (
      <CheckBeforePublishing
        caption={view.title}
        answer={preview(published, draft, new Date())}
        busy={form.submitting}
        onPublish={() => void send()}
        onChange={() => setChecking(false)}
      />
    )
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={draftPath(view.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{view.title}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Tell every supplier something nobody asked about: it appears with the answers to questions on the opportunity’s page, and
            everyone working towards a bid is told.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <TextInput id="subject" label="What is it about?" labelSize="m" hint="For example, ‘Site visit on 3 July’." error={form.errors.subject} {...form.bind('subject')} />
            <Textarea
              id="question"
              label="What it clarifies, as a question (optional)"
              labelSize="m"
              hint="If it reads better as a question and answer."
              error={form.errors.question}
              maxLength={5000}
              rows={4}
              value={v.question}
              onChange={(e) => form.set('question', e.target.value)}
            />
            <Textarea id="answer" label="The clarification" labelSize="m" error={form.errors.answer} rows={6} spellCheck value={v.answer} onChange={(e) => form.set('answer', e.target.value)} />
            <CorrectsSelect published={published} error={form.errors.correctsNumber} value={v.correctsNumber} onChange={(n) => form.set('correctsNumber', n)} />
            <AttachDocuments opportunityId={view.id} form={form} documents={documents} onChange={setDocuments} />
            <Button busy={form.submitting}>Continue</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
