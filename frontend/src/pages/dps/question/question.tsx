import type { FormEvent } from 'react'
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { Tag } from '../../../components/tag/tag'
import { TextInput } from '../../../components/text-input/text-input'
import { Textarea } from '../../../components/textarea/textarea'
import { problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { PageNotFound } from '../../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { appPath, fetchApplication } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { DocumentAnswer } from './document-answer'
import type { Application } from '../types'

/** The id of the answer's field, whatever kind of question it is. */
export const ANSWER = 'answer'

/**
 * Question asks one question of an application on its own page, with the
 * answer from the profile already in it (and saying so). Save and continue
 * goes to the next question, or to check your answers after the last (or when
 * reached from there). A document question is answered with a file instead
 * (DocumentAnswer).
 */
export function Question() {
  const { id = '', n = '' } = useParams()
  const { load } = useLoad(() => fetchApplication(id), [id])
  return (
    <LoadGate load={load} refusedTitle="You cannot see this application">
      {(app) => <Ask key={n} app={app} index={Number(n) - 1} />}
    </LoadGate>
  )
}

/** blankMessage is what a question page says when Save and continue is pressed with no answer. */
export function blankMessage(kind: string): string {
  if (kind === 'yes_no') return 'Select yes or no'
  if (kind === 'number') return 'Enter a number'
  return 'Enter your answer'
}

function Ask({ app, index }: { app: Application; index: number }) {
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const a = app.answers[index]
  const form = useForm({ [ANSWER]: a?.value ?? '' }, { fields: { [ANSWER]: 'Check your answer' } })

  if (app.status !== 'draft') return <Navigate to={appPath(app.id)} replace />
  if (!a) return <PageNotFound />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const change = params.has('change')
  const last = index === app.answers.length - 1
  const next = change || last ? appPath(app.id, 'check') : appPath(app.id, `questions/${index + 2}`)
  const back = change ? appPath(app.id, 'check') : index === 0 ? appPath(app.id) : appPath(app.id, `questions/${index}`)
  if (a.kind === 'document') return <DocumentAnswer app={app} index={index} back={back} next={next} />
  const title = a.text
  const value = form.values[ANSWER]

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    // Every question must be answered before the application can be sent: say so here, on
    // its page, rather than moving on as if it had been.
    if (!value.trim()) {
      form.fail([{ field: ANSWER, text: blankMessage(a.kind) }])
      return
    }
    // Unchanged, nothing is sent, so an answer from the profile stays marked as one.
    if (value.trim() === a.value) {
      navigate(next)
      return
    }
    const ok = await form.submit(
      async () => {
        await call(
          api.PUT('/api/v1/dps-applications/{id}', {
            params: { path: { id: app.id } },
            body: { categoryIds: app.categories.map((c) => c.categoryId), answers: [{ questionId: a.questionId, value: value.trim() }] },
          }),
        )
      },
      (err) => {
        // The one answer sent is this page's field.
        const mapped = problemToErrors(
          { ...err.problem, errors: err.problem.errors?.map((d) => ({ ...d, location: d.location?.startsWith('body.answers') ? `body.${ANSWER}` : d.location })) },
          { fields: { [ANSWER]: 'Check your answer' } },
        )
        return mapped
      },
    )
    if (ok) navigate(next)
  }

  const caption = (
    <span className="govuk-caption-l">
      Question {index + 1} of {app.answers.length}
    </span>
  )
  const heading = (
    <>
      {caption}
      {title}
    </>
  )
  const ownHint = a.hint
  const hint =
    a.fromProfile || ownHint ? (
      <>
        {a.fromProfile && (
          <>
            <Tag colour="turquoise">From your profile</Tag> We filled this in from your organisation’s profile. Check it is still right.{' '}
          </>
        )}
        {ownHint}
      </>
    ) : undefined
  let field
  switch (a.kind) {
    case 'yes_no':
      field = (
        <Radios
          id={ANSWER}
          legend={heading}
          isPageHeading
          legendSize="l"
          hint={hint}
          error={form.errors[ANSWER]}
          items={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          value={value}
          onChange={(v) => form.set(ANSWER, v)}
          inline
        />
      )
      break
    case 'number':
      field = (
        <TextInput
          id={ANSWER}
          label={heading}
          isPageHeading
          labelSize="l"
          hint={hint}
          error={form.errors[ANSWER]}
          inputMode="decimal"
          spellCheck={false}
          className="govuk-input--width-10"
          {...form.bind(ANSWER)}
        />
      )
      break
    default:
      field = (
        <Textarea
          id={ANSWER}
          label={heading}
          isPageHeading
          labelSize="l"
          hint={hint}
          error={form.errors[ANSWER]}
          value={value}
          onChange={(e) => form.set(ANSWER, e.target.value)}
          rows={6}
          maxLength={10000}
          spellCheck
        />
      )
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <form noValidate onSubmit={onSubmit}>
            {field}
            <Button busy={form.submitting}>Save and continue</Button>
          </form>
          <p className="govuk-body">
            <Link className="govuk-link" to={appPath(app.id)}>
              Back to your application
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
