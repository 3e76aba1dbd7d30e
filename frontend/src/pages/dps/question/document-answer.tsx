import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { BackLink } from '../../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { FileUpload } from '../../../components/file-upload/file-upload'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { ACCEPT, checkAnswerFile, FILE, maxSizeText, TYPES_TEXT, uploadAnswerFile } from '../answer-file'
import { AnswerFile } from '../application/answers'
import { appPath } from '../dps-state'
import type { Application } from '../types'

/** Props for DocumentAnswer. */
export interface DocumentAnswerProps {
  app: Application
  /** The question's position in app.answers, from 0. */
  index: number
  /** Where Back goes, and where Continue goes once there is a file. */
  back: string
  next: string
}

/**
 * DocumentAnswer answers a document question with a file. The chosen file is
 * uploaded straight away and shown as the answer (its name, to download it, and
 * its size), with Replace to upload another instead; Continue goes on.
 */
export function DocumentAnswer({ app: loaded, index, back, next }: DocumentAnswerProps) {
  const [app, setApp] = useState(loaded)
  const [file, setFile] = useState<File | undefined>()
  const [replacing, setReplacing] = useState(false)
  const [notice, setNotice] = useState('')
  // The file input cannot be cleared by React; a new key gives a new, empty one.
  const [inputKey, setInputKey] = useState(0)
  const form = useForm({})
  const firstRender = useRef(true)

  // Replace shows the file input in its place: take the keyboard there too.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    if (replacing) document.getElementById(FILE)?.focus()
  }, [replacing])

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const a = app.answers[index]
  const doc = a.document
  const title = a.text
  const showUpload = !doc || replacing

  const onUpload = async (e: FormEvent) => {
    e.preventDefault()
    const problem = checkAnswerFile(file, app.maxDocumentBytes)
    if (problem) return form.fail([problem])
    let updated: Application | undefined
    const ok = await form.submit(
      async () => {
        updated = await uploadAnswerFile(app.id, a.questionId, file!)
      },
      (err) =>
        problemToErrors(
          {
            ...err.problem,
            // The file's name travels in the query string; either way the problem is with the file.
            errors: err.problem.errors?.map((d) => ({ ...d, location: d.location === 'body.filename' || d.location === 'query.filename' ? `body.${FILE}` : d.location })),
          },
          { fields: { [FILE]: `The file could not be uploaded: check it is a ${TYPES_TEXT} file` } },
        ),
    )
    if (ok && updated) {
      setApp(updated)
      setNotice(`${file!.name} uploaded`)
      setFile(undefined)
      setReplacing(false)
      setInputKey((k) => k + 1)
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {notice && form.summary.length === 0 && <NotificationBanner type="success" heading={notice} />}
          <h1 className="govuk-heading-l">
            <span className="govuk-caption-l">
              Question {index + 1} of {app.answers.length}
            </span>
            {title}
          </h1>
          {a.hint && <p className="govuk-body app-pre-line">{a.hint}</p>}
          {doc && (
            <SummaryList
              rows={[
                {
                  key: 'Your file',
                  value: (
                    <>
                      <AnswerFile file={doc} />
                      {a.fromProfile && (
                        <>
                          {' '}
                          <Tag colour="turquoise">From your profile</Tag>
                        </>
                      )}
                    </>
                  ),
                },
              ]}
            />
          )}
          {doc && a.fromProfile && !replacing && (
            <p className="govuk-body">We took this from your organisation’s profile. Check it is still the right one.</p>
          )}
          {showUpload ? (
            <form noValidate onSubmit={onUpload}>
              <FileUpload
                key={inputKey}
                id={FILE}
                label={doc ? 'Choose a new file' : 'Upload a file'}
                labelSize="m"
                hint={`The file must be a ${TYPES_TEXT} file, smaller than ${maxSizeText(app.maxDocumentBytes)}.`}
                error={form.errors[FILE]}
                accept={ACCEPT}
                onChange={setFile}
              />
              <ButtonGroup>
                <Button busy={form.submitting}>Upload file</Button>
                {!doc && (
                  <Link className="govuk-link" to={next}>
                    Answer this later
                  </Link>
                )}
                {doc && (
                  <button type="button" className="app-button-link" onClick={() => setReplacing(false)}>
                    Keep the file you have
                  </button>
                )}
              </ButtonGroup>
            </form>
          ) : (
            <ButtonGroup>
              <Link to={next} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                Continue
              </Link>
              <Button type="button" variant="secondary" onClick={() => setReplacing(true)}>
                Replace<span className="govuk-visually-hidden"> the file</span>
              </Button>
            </ButtonGroup>
          )}
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
