import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api, call } from '../../../api/client'
import { useOrganisationId } from '../../../app/require-role'
import { useSession } from '../../../app/session'
import { SupplierOnly } from '../../../components/supplier-only/supplier-only'
import { Tag } from '../../../components/tag/tag'
import { askPath, statusColours } from '../labels'
import { AnswerView } from '../published-answer'
import type { PublishedAnswers, SupplierQuestion } from '../types'

/** What the section needs of the opportunity. */
export interface QuestionsOpportunity {
  id: string
  status: string
  clarificationDeadline?: { at: string; text?: string }
  submissionDeadline?: { at: string; text?: string }
}

/**
 * questionsClose is when questions close, as the server decides it: the
 * clarification deadline, or the deadline for bids when there is none.
 */
export function questionsClose(o: QuestionsOpportunity) {
  return o.clarificationDeadline ?? o.submissionDeadline
}

/** questionsOpen reports whether a supplier may still ask a question at now. */
export function questionsOpen(o: QuestionsOpportunity, now: Date): boolean {
  const close = questionsClose(o)
  return o.status === 'open' && !!close && Date.parse(close.at) > now.getTime()
}

type Load<T> = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; data: T }

function useFetched<T>(fetcher: (() => Promise<T>) | undefined, key: string): Load<T> {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' })
  useEffect(() => {
    if (!fetcher) return
    let live = true
    setLoad({ kind: 'loading' })
    fetcher()
      .then((data) => live && setLoad({ kind: 'ready', data }))
      .catch(() => live && setLoad({ kind: 'failed' }))
    return () => {
      live = false
    }
    // The key names what is loaded; the fetcher is a new closure on every render.
  }, [key, !fetcher])
  return load
}

/**
 * QuestionsSection is "Questions and answers" on an opportunity's page: every
 * answer published to everyone, newest first, naming no asker; the way to ask
 * while questions are open; and a signed-in supplier's own questions.
 */
export function QuestionsSection({ o, now = new Date() }: { o: QuestionsOpportunity; now?: Date }) {
  const published = useFetched(
    () => call(api.GET('/api/v1/opportunities/{id}/questions', { params: { path: { id: o.id } } })),
    `published:${o.id}`,
  )
  const open = questionsOpen(o, now)
  const close = questionsClose(o)
  return (
    <section className="govuk-!-margin-bottom-8" id="questions" aria-labelledby="questions-heading">
      <h2 className="govuk-heading-m" id="questions-heading">
        Questions and answers
      </h2>
      <p className="govuk-body">
        Suppliers can ask the council about this opportunity. Everyone sees the same answers, and we never say who asked. Read what a{' '}
        <Link className="govuk-link" to="/glossary#clarification-question">
          clarification question
        </Link>{' '}
        is.
      </p>
      {open ? (
        <>
          <p className="govuk-body">You can ask questions until {close?.text || close?.at}.</p>
          <AskAction opportunityId={o.id} />
        </>
      ) : (
        o.status !== 'planned' &&
        close && <p className="govuk-body">Questions closed at {close.text || close.at}.</p>
      )}
      <YourQuestions opportunityId={o.id} />
      <Answers load={published} />
    </section>
  )
}

function AskAction({ opportunityId }: { opportunityId: string }) {
  return (
    <SupplierOnly action="ask a question" anchor="questions">
      <Link to={askPath(opportunityId)} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Ask a question
      </Link>
    </SupplierOnly>
  )
}

function YourQuestions({ opportunityId }: { opportunityId: string }) {
  const session = useSession()
  const organisationId = useOrganisationId()
  const mine = session.status === 'signed-in' && session.me?.role === 'supplier' && session.me.emailVerified
  const load = useFetched<SupplierQuestion[]>(
    mine
      ? async () => (await call(api.GET('/api/v1/supplier/questions', { params: { query: { opportunityId, organisationId } } }))).items
      : undefined,
    `mine:${opportunityId}:${organisationId}`,
  )
  if (!mine || load.kind !== 'ready' || load.data.length === 0) return null
  return (
    <>
      <h3 className="govuk-heading-s">Your questions on this opportunity</h3>
      <p className="govuk-body">Only your organisation and the council see this list.</p>
      <ul className="govuk-list govuk-list--spaced">
        {load.data.map((q) => (
          <li key={q.id}>
            {q.subject} ({q.threadRef}) <Tag colour={statusColours[q.status]}>{q.statusText}</Tag>
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <Link className="govuk-link" to="/supplier/questions">
          See all your questions and their answers
        </Link>
      </p>
    </>
  )
}

function Answers({ load }: { load: Load<PublishedAnswers> }) {
  if (load.kind === 'loading') return null
  if (load.kind === 'failed') return <p className="govuk-body">Sorry, the answers cannot be shown just now. Try again later.</p>
  const { items, lateAnswerDecisions } = load.data
  return (
    <>
      {lateAnswerDecisions.map((d) => (
        <div className="govuk-inset-text" key={`${d.decidedOn}-${d.decision}`}>
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
            {d.decision === 'extended'
              ? `Some answers came late: on ${d.decidedOnText} the council gave more time to bid`
              : `Some answers came late: on ${d.decidedOnText} the council decided not to give more time to bid`}
          </p>
          <p className="govuk-body app-pre-line">{d.reason}</p>
        </div>
      ))}
      {items.length === 0 ? (
        <p className="govuk-body">The council has not published any answers yet.</p>
      ) : (
        <>
          <p className="govuk-body">
            {items.length} answer{items.length === 1 ? '' : 's'}, newest first.
          </p>
          {items.map((a) => (
            <AnswerView key={a.number} a={a} />
          ))}
        </>
      )}
    </>
  )
}
