import { useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { isProblem } from '../../../api/errors'
import { BackLink } from '../../../components/back-link/back-link'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { fetchFormForEditing, saveForm, type VersionedForm } from '../api'
import { FormQuestions } from '../form-questions'

/** FORM_CONFLICT says a save of the form was refused because someone else saved first. */
export const FORM_CONFLICT =
  'Someone else changed this response form while you were working on it, so your change was not saved. The page now shows their version: make your change again.'

/** formPath is the address of a draft's response form pages. */
export function formPath(opportunityId: string, page = ''): string {
  return `/buying/${encodeURIComponent(opportunityId)}/response-form${page ? `/${page}` : ''}`
}

/** What the question editor tells the form page after a save. */
export interface FormNotice {
  notice?: string
}

/**
 * FormEditor is the buyer's response form for a draft: its questions as
 * suppliers will read them, each to change or remove, and a way to add one.
 */
export function FormEditor() {
  const { id = '' } = useParams()
  const { load, set, reload } = useLoad((signal) => fetchFormForEditing(id, signal), [id])
  return (
    <LoadGate load={load} loadingMessage="Loading the response form." onRetry={() => void reload()}>
      {(v) => <Editor id={id} v={v} onSaved={set} reload={reload} />}
    </LoadGate>
  )
}

function Editor({ id, v, onSaved, reload }: { id: string; v: VersionedForm; onSaved: (v: VersionedForm) => void; reload: () => Promise<void> }) {
  const notice = (useLocation().state as FormNotice | null)?.notice
  const [problem, setProblem] = useState('')
  const [conflict, setConflict] = useState(false)
  const [down, setDown] = useState(false)
  const [said, setSaid] = useState('')
  const title = 'Response form'
  if (down) return <ServiceProblem onRetry={() => setDown(false)} />
  const remove = async (questionId: string) => {
    const gone = v.form.questions.find((q) => q.id === questionId)
    const questions = v.form.questions.filter((q) => q.id !== questionId).map((q, i) => ({ ...q, number: i + 1 }))
    setProblem('')
    try {
      onSaved(await saveForm(id, v.etag, { twoStage: v.form.twoStage, questions }))
      setConflict(false)
      setSaid(`Question ‘${gone?.title ?? ''}’ removed.`)
    } catch (err) {
      if (isProblem(err, 412)) {
        setConflict(true)
        await reload()
      } else if (isProblem(err)) setProblem(err.problem.detail || 'The question could not be removed.')
      else setDown(true)
    }
  }
  return (
    <Page title={title} error={!!problem}>
      <BackLink to={`/buying/${encodeURIComponent(id)}`}>Back to the draft</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={problem ? [{ text: problem }] : []} />
          {conflict && (
            <NotificationBanner heading="Someone else changed this response form">
              <p className="govuk-body">{FORM_CONFLICT}</p>
            </NotificationBanner>
          )}
          {(notice || said) && <NotificationBanner type="success" heading={said || notice} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            The questions suppliers answer in their bids. Everyone can read them on the opportunity’s page once it is published. Link each scored
            question to one of your criteria and say how much of that criterion’s weight it carries.
          </p>
          {v.form.questions.length === 0 ? (
            <p className="govuk-body">You have not added any questions yet.</p>
          ) : (
            <>
              <FormQuestions questions={v.form.questions} />
              <h2 className="govuk-heading-m">Change or remove a question</h2>
              <ul className="govuk-list">
                {v.form.questions.map((q) => (
                  <li key={q.id}>
                    <Link className="govuk-link" to={formPath(id, encodeURIComponent(q.id))}>
                      Change<span className="govuk-visually-hidden"> question {q.number}:</span> {q.title}
                    </Link>{' '}
                    <button type="button" className="app-button-link" onClick={() => void remove(q.id)}>
                      Remove<span className="govuk-visually-hidden"> question {q.number}: {q.title}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Link to={formPath(id, 'new')} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Add a question
          </Link>
        </div>
      </div>
    </Page>
  )
}
