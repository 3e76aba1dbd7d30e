import { useState, type FormEvent } from 'react'
import { Link, Navigate } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { FileUpload } from '../../../components/file-upload/file-upload'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Table } from '../../../components/table/table'
import { problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { formatDateTime } from '../../../format/dates'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { draftPath, taskDef, type OpportunityDocument } from '../draft'
import { ACCEPT, checkFile, contentTypeOf, formatSize, MAX_UPLOAD_BYTES } from '../documents'
import { documentHref, uploadDocument, useOpportunity } from '../opportunity-state'
import { serverErrorsFor } from '../task-page'

const title = 'Documents'

/**
 * Documents lists a draft's documents and uploads more, one at a time, each
 * streamed to the server as it is; a document can be removed until the
 * opportunity is published.
 */
export function Documents() {
  const opp = useOpportunity()
  const { view } = opp
  const form = useForm({}, {}, serverErrorsFor(opp, taskDef('documents')))
  const [file, setFile] = useState<File | undefined>()
  const [notice, setNotice] = useState('')
  // The file input cannot be cleared by React; a new key gives a new, empty one.
  const [inputKey, setInputKey] = useState(0)
  const [removing, setRemoving] = useState('')

  if (view.status !== 'draft') return <Navigate to={draftPath(view.id)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const current = view.documents.filter((d) => d.current)

  const onUpload = async (e: FormEvent) => {
    e.preventDefault()
    const problem = checkFile(file)
    if (problem) return form.fail([problem])
    const ok = await form.submit(
      async () => {
        await uploadDocument(view.id, file!, { filename: file!.name, contentType: contentTypeOf(file!) })
        await opp.reload()
      },
      (err) => problemToErrors(err.problem, { fields: { file: 'The document could not be uploaded: check it is a document of an accepted type' } }),
    )
    if (ok) {
      opp.markDone('documents', taskDef('documents').fields)
      setNotice(`${file!.name} uploaded`)
      setFile(undefined)
      setInputKey((k) => k + 1)
    }
  }

  const remove = async (d: OpportunityDocument) => {
    if (removing) return
    setRemoving(d.id)
    const ok = await form.submit(async () => {
      await call(api.DELETE('/api/v1/opportunities/{id}/documents/{documentId}', { params: { path: { id: view.id, documentId: d.id } } }))
      await opp.reload()
    })
    setRemoving('')
    if (ok) setNotice(`${d.filename} removed`)
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={draftPath(view.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {notice && form.summary.length === 0 && <NotificationBanner type="success" heading={notice} />}
          <span className="govuk-caption-l">{view.title}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Add everything suppliers need to bid: the specification, the terms and conditions, pricing schedules and any forms to fill
            in. Suppliers can download them once you publish.
          </p>
        </div>
      </div>
      {current.length === 0 ? (
        <p className="govuk-body">You have not uploaded any documents yet.</p>
      ) : (
        <Table
          caption="Documents uploaded"
          columns={[
            {
              header: 'Document',
              cell: (d: OpportunityDocument) => (
                <a className="govuk-link app-break-words" href={documentHref(view.id, d.id)} download={d.filename}>
                  {d.filename}
                </a>
              ),
            },
            { header: 'Size', cell: (d) => formatSize(d.size) },
            { header: 'Uploaded', cell: (d) => formatDateTime(d.uploadedAt) },
            {
              header: <span className="govuk-visually-hidden">Action</span>,
              cell: (d) => (
                <button type="button" className="app-button-link" onClick={() => void remove(d)} aria-disabled={removing === d.id || undefined}>
                  Remove<span className="govuk-visually-hidden"> {d.filename}</span>
                </button>
              ),
            },
          ]}
          rows={current}
          rowKey={(d) => d.id}
          scrollLabel="Documents uploaded"
        />
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <form noValidate onSubmit={onUpload}>
            <FileUpload
              key={inputKey}
              id="file"
              label="Upload a document"
              labelSize="m"
              hint={`PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, image or ZIP, smaller than ${MAX_UPLOAD_BYTES >> 20} MB.`}
              error={form.errors.file}
              accept={ACCEPT}
              onChange={setFile}
            />
            <Button variant="secondary" busy={form.submitting}>
              Upload document
            </Button>
          </form>
          <Link to={draftPath(view.id)} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
            Continue
          </Link>
        </div>
      </div>
    </Page>
  )
}
