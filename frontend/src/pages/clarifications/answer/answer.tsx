import { useState, type FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { InsetText } from '../../../components/inset-text/inset-text'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { Select } from '../../../components/select/select'
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { Textarea } from '../../../components/textarea/textarea'
import { formatDateTime } from '../../../format/dates'
import { problemToErrors, type SummaryError } from '../../../forms/problem'
import { required, useForm, type ProblemHandler } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import type { Notice } from '../../dps/dps-state'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { aboutOf, statusColours } from '../labels'
import { AnswerView, CheckBeforePublishing, CorrectsSelect, preview } from '../published-answer'
import { AttachDocuments } from '../attach-documents'
import type { ClarificationDocument, CouncilQuestion } from '../types'

type Choice = '' | 'everyone' | 'private' | 'merge' | 'decline'

/**
 * AnswerQuestion is a question's page for the council: who asked (for the
 * council only), the question as asked, and the choice of publishing an answer
 * to everyone (after checking exactly what they will see), answering
 * privately when the asker asked, merging it with an answered question, or
 * declining with a reason.
 */
export function AnswerQuestion() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => call(api.GET('/api/v1/questions/{id}', { params: { path: { id } } })), [id])
  return (
    <LoadGate load={load} refusedTitle="You cannot see this question">
      {(q) => <QuestionPage q={q} />}
    </LoadGate>
  )
}

function Facts({ q }: { q: CouncilQuestion }) {
  const rows: SummaryRow[] = [
    { key: 'Reference', value: q.threadRef },
    {
      key: 'Asked by',
      value: (
        <>
          {q.organisationName || 'Not known'}
          <span className="govuk-body-s govuk-!-display-block app-secondary-text">Only the council sees this. It is never published.</span>
        </>
      ),
    },
    { key: 'Asked', value: formatDateTime(q.askedAt) },
    { key: aboutOf(q).kind, value: <Link className="govuk-link" to={aboutOf(q).councilPage}>{aboutOf(q).title}</Link> },
    {
      key: 'Status',
      value: q.overdue ? <Tag colour="red">Overdue</Tag> : <Tag colour={statusColours[q.status]}>{q.statusText}</Tag>,
    },
  ]
  if (q.status === 'awaiting_answer' && q.answerByText) rows.push({ key: 'Answer by', value: `${q.answerByText}${q.timeLeftText ? ` (${q.timeLeftText.toLowerCase()})` : ''}` })
  if (q.section) rows.push({ key: 'Section', value: q.section })
  if (q.answerPrivately) rows.push({ key: 'Asked for a private answer', value: <span className="app-pre-line">{q.privateReason || 'Yes'}</span> })
  return <SummaryList rows={rows} />
}

const empty = { choice: '', question: '', answer: '', correctsNumber: '', privateAnswer: '', privateReason: '', intoThreadRef: '', reason: '' }

function QuestionPage({ q: initial }: { q: CouncilQuestion }) {
  const navigate = useNavigate()
  const [q] = useState(initial)
  const form = useForm({ ...empty, question: initial.question })
  const [checking, setChecking] = useState(false)
  const [documents, setDocuments] = useState<ClarificationDocument[]>([])
  const v = form.values
  const choice = v.choice as Choice
  const answered = q.answered ?? []

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  // The server names its own fields; the page has one box per choice.
  const onProblem: ProblemHandler = (err) => {
    const mapped = problemToErrors(err.problem)
    const fix = (f?: string) => (f === 'visibility' ? 'choice' : f === 'answer' && choice === 'private' ? 'privateAnswer' : f)
    setChecking(false)
    return {
      fields: Object.fromEntries(Object.entries(mapped.fields).map(([k, m]) => [fix(k)!, m])),
      summary: mapped.summary.map((l) => ({ ...l, field: fix(l.field) })),
    }
  }

  const done = (notice: string) => {
    const state: Notice = { notice }
    navigate('/buying/questions', { state })
  }

  const send = async () => {
    const path = { params: { path: { id: q.id } } }
    let saved: CouncilQuestion | undefined
    const ok = await form.submit(async () => {
      if (choice === 'everyone')
        saved = await call(
          api.POST('/api/v1/questions/{id}/answer', {
            ...path,
            body: {
              visibility: 'everyone',
              question: v.question.trim(),
              answer: v.answer.trim(),
              ...(v.correctsNumber ? { correctsNumber: Number(v.correctsNumber) } : {}),
              ...(documents.length ? { documentIds: documents.map((d) => d.id) } : {}),
            },
          }),
        )
      else if (choice === 'private')
        saved = await call(api.POST('/api/v1/questions/{id}/answer', { ...path, body: { visibility: 'private', answer: v.privateAnswer.trim(), privateReason: v.privateReason.trim() } }))
      else if (choice === 'merge') saved = await call(api.POST('/api/v1/questions/{id}/merge', { ...path, body: { intoThreadRef: v.intoThreadRef } }))
      else saved = await call(api.POST('/api/v1/questions/{id}/decline', { ...path, body: { reason: v.reason.trim() } }))
    }, onProblem)
    if (!ok || !saved) return
    if (choice === 'everyone') done(`Answer ${saved.answer?.number ?? ''} published to everyone`.replace('  ', ' '))
    else if (choice === 'private') done(`Answered ${q.threadRef} privately`)
    else if (choice === 'merge') done(`${q.threadRef} answered with ${v.intoThreadRef}`)
    else done(`${q.threadRef} declined`)
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing: SummaryError[] = []
    if (!choice) missing.push({ field: 'choice', text: 'Choose what to do with the question' })
    if (choice === 'everyone') missing.push(...required(v, { answer: 'Enter the answer' }))
    if (choice === 'private') missing.push(...required(v, { privateAnswer: 'Enter the answer', privateReason: 'Say why the answer need not go to everyone' }))
    if (choice === 'merge') missing.push(...required(v, { intoThreadRef: 'Choose the answered question that answers this one' }))
    if (choice === 'decline') missing.push(...required(v, { reason: 'Say why the question will not be answered: the supplier is told' }))
    if (missing.length) return form.fail(missing)
    if (choice === 'everyone') {
      setChecking(true)
      return
    }
    await send()
  }

  if (q.status !== 'awaiting_answer') return <Closed q={q} />

  if (checking) {
    const draft = { threadRef: q.threadRef, subject: q.subject, question: v.question.trim() || q.question, answer: v.answer, correctsNumber: Number(v.correctsNumber) || 0, documents }
    return (
      <CheckBeforePublishing
        caption={aboutOf(q).title}
        answer={preview(answered, draft, new Date())}
        busy={form.submitting}
        onPublish={() => void send()}
        onChange={() => setChecking(false)}
      />
    )
  }

  const title = q.subject
  return (
    <Page title={`Question: ${title}`} error={form.summary.length > 0}>
      <BackLink to="/buying/questions">Back to questions to answer</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <Asked q={q} />
          <form noValidate onSubmit={onSubmit}>
            <Radios
              id="choice"
              legend={<h2 className="govuk-fieldset__heading">What do you want to do?</h2>}
              legendSize="m"
              value={choice}
              error={form.errors.choice}
              onChange={(c) => form.set('choice', c)}
              items={[
                {
                  value: 'everyone',
                  label: 'Publish an answer to everyone',
                  hint: 'The question and answer appear on the opportunity’s page without saying who asked.',
                  reveal: (
                    <>
                      <Textarea
                        id="question"
                        label="The question as everyone will read it"
                        hint="Take out anything that would show who asked: their name, their organisation, or details only they would know. The question as asked is kept for the record."
                        error={form.errors.question}
                        maxLength={5000}
                        rows={6}
                        value={v.question}
                        onChange={(e) => form.set('question', e.target.value)}
                      />
                      <Textarea id="answer" label="Your answer" error={form.errors.answer} rows={6} spellCheck value={v.answer} onChange={(e) => form.set('answer', e.target.value)} />
                      <CorrectsSelect published={answered} error={form.errors.correctsNumber} value={v.correctsNumber} onChange={(n) => form.set('correctsNumber', n)} />
                      {!q.dpsId && <AttachDocuments opportunityId={q.opportunityId} form={form} documents={documents} onChange={setDocuments} />}
                    </>
                  ),
                },
                ...(q.answerPrivately
                  ? [
                      {
                        value: 'private' as const,
                        label: 'Answer only the supplier who asked',
                        hint: 'They asked for this. Only do it if the answer gives other bidders nothing they need.',
                        reveal: (
                          <>
                            <Textarea id="privateAnswer" label="Your answer" error={form.errors.privateAnswer} rows={6} spellCheck value={v.privateAnswer} onChange={(e) => form.set('privateAnswer', e.target.value)} />
                            <Textarea
                              id="privateReason"
                              label="Why does the answer not need to go to everyone?"
                              hint="This is kept for the record."
                              error={form.errors.privateReason}
                              rows={3}
                              value={v.privateReason}
                              onChange={(e) => form.set('privateReason', e.target.value)}
                            />
                          </>
                        ),
                      },
                    ]
                  : []),
                ...(answered.length > 0
                  ? [
                      {
                        value: 'merge' as const,
                        label: 'It is answered by an earlier question',
                        hint: 'The supplier is told which published answer answers theirs.',
                        reveal: (
                          <Select
                            id="intoThreadRef"
                            label="Which answered question?"
                            error={form.errors.intoThreadRef}
                            value={v.intoThreadRef}
                            onChange={(e) => form.set('intoThreadRef', e.target.value)}
                            options={[{ value: '', text: 'Choose a question' }, ...answered.map((a) => ({ value: a.threadRef, text: `Answer ${a.number}: ${a.subject} (${a.threadRef})` }))]}
                          />
                        ),
                      },
                    ]
                  : []),
                {
                  value: 'decline',
                  label: 'Do not answer it',
                  reveal: (
                    <Textarea
                      id="reason"
                      label="Why will you not answer it?"
                      hint="The supplier who asked is told this."
                      error={form.errors.reason}
                      rows={3}
                      value={v.reason}
                      onChange={(e) => form.set('reason', e.target.value)}
                    />
                  ),
                },
              ]}
            />
            <Button busy={form.submitting}>{choice === 'everyone' || !choice ? 'Continue' : 'Send'}</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}

// Asked is the top of a question's page: the opportunity, the subject as its
// heading, the facts (who asked among them) and the question as asked.
function Asked({ q }: { q: CouncilQuestion }) {
  return (
    <>
      <span className="govuk-caption-l">{q.opportunityTitle}</span>
      <h1 className="govuk-heading-l">{q.subject}</h1>
      <Facts q={q} />
      <h2 className="govuk-heading-m">The question as asked</h2>
      <InsetText>
        <p className="govuk-body app-pre-line">{q.question}</p>
      </InsetText>
    </>
  )
}

function Closed({ q }: { q: CouncilQuestion }) {
  const title = q.subject
  return (
    <Page title={`Question: ${title}`}>
      <BackLink to="/buying/questions">Back to questions to answer</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Asked q={q} />
          {q.status === 'declined' && (
            <p className="govuk-body">
              <strong>Not answered.</strong> The reason the supplier was given: {q.declineReason}
            </p>
          )}
          {q.status === 'merged' && <p className="govuk-body">Answered with {q.mergedIntoThreadRef}.</p>}
          {q.answer && (
            <>
              <h2 className="govuk-heading-m">{q.answer.visibility === 'private' ? 'The answer sent to the supplier' : 'The answer as published'}</h2>
              <AnswerView a={q.answer} />
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
