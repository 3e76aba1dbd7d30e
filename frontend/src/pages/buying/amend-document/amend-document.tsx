import { useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { FileUpload } from '../../../components/file-upload/file-upload'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { Textarea } from '../../../components/textarea/textarea'
import { problemToErrors, type SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { draftPath } from '../draft'
import { ACCEPT, checkFile, contentTypeOf, MAX_UPLOAD_BYTES } from '../documents'
import type { OverviewNotice } from '../opportunity-overview/opportunity-overview'
import { uploadDocument, useOpportunity } from '../opportunity-state'

const title = 'Add or replace a document'

/**
 * AmendDocument adds a document to a published opportunity, or replaces one,
 * as an amendment: a note saying what it is or what changed is required, and
 * a replaced document stays on the public page, marked as replaced.
 */
export function AmendDocument() {
  const opp = useOpportunity()
  const { view } = opp
  const navigate = useNavigate()
  const form = useForm({ replaces: 'none', note: '' })
  const [file, setFile] = useState<File | undefined>()
  const current = view.documents.filter((d) => d.current)

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (view.status !== 'open') {
    return (
      <Page title="You cannot change this opportunity’s documents">
        <BackLink to={draftPath(view.id)} />
        <h1 className="govuk-heading-l">You cannot change this opportunity’s documents</h1>
        <p className="govuk-body">
          {view.status === 'draft' ? 'This opportunity is still a draft: add documents to the draft instead.' : 'Documents can only be added or replaced while an opportunity is open for bids.'}
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={draftPath(view.id)}>
            Go back to the opportunity
          </Link>
        </p>
      </Page>
    )
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const errors: SummaryError[] = []
    const fileProblem = checkFile(file)
    if (fileProblem) errors.push(fileProblem)
    if (!form.values.note.trim()) errors.push({ field: 'note', text: 'Say what the document is or what changed: suppliers see this note with the change' })
    if (errors.length) return form.fail(errors)
    const replaces = form.values.replaces === 'none' ? undefined : form.values.replaces
    const ok = await form.submit(
      async () => {
        await uploadDocument(view.id, file!, { filename: file!.name, contentType: contentTypeOf(file!), note: form.values.note.trim(), replaces })
        await opp.reload()
      },
      (err) => {
        if (err.status === 409) return { summary: [{ text: err.problem.detail || 'The documents of this opportunity can no longer be changed.' }] }
        return problemToErrors(err.problem)
      },
    )
    if (ok) {
      const old = current.find((d) => d.id === replaces)
      const state: OverviewNotice = { notice: old ? `${old.filename} replaced by ${file!.name}` : `${file!.name} added` }
      navigate(draftPath(view.id), { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={draftPath(view.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{view.reference}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">This is an amendment: suppliers see the new document with your note, and those following the opportunity are told.</p>
          <form noValidate onSubmit={onSubmit}>
            <FileUpload
              id="file"
              label="Upload a document"
              labelSize="m"
              hint={`PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, image or ZIP, smaller than ${MAX_UPLOAD_BYTES >> 20} MB.`}
              error={form.errors.file}
              accept={ACCEPT}
              onChange={setFile}
            />
            {current.length > 0 && (
              <Radios
                id="replaces"
                legend="Does it replace a document?"
                legendSize="m"
                hint="A replaced document stays on the public page, marked as replaced."
                error={form.errors.replaces}
                items={[{ value: 'none', label: 'No, it is a new document' }, ...current.map((d) => ({ value: d.id, label: `Yes, it replaces ${d.filename}` }))]}
                value={form.values.replaces}
                onChange={(r) => form.set('replaces', r)}
              />
            )}
            <Textarea
              id="note"
              label="What the document is, or what changed"
              labelSize="m"
              hint="Suppliers see this note with the document."
              error={form.errors.note}
              maxLength={2000}
              rows={4}
              value={form.values.note}
              onChange={(e) => form.set('note', e.target.value)}
            />
            <Button busy={form.submitting}>Publish document</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
