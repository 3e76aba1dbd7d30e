// Documents the council attaches to an answer to everyone (or a clarification
// nobody asked for): each is uploaded as soon as it is chosen and attached, so
// the preview shows exactly the files everyone will see.
import { useState } from 'react'
import { api, call } from '../../api/client'
import { Button } from '../../components/button/button'
import { FileUpload } from '../../components/file-upload/file-upload'
import { ACCEPT, contentTypeOf, formatSize, isDocumentType, TYPES_TEXT } from '../../forms/files'
import type { SummaryError } from '../../forms/problem'
import type { ProblemHandler } from '../../forms/use-form'
import type { ClarificationDocument } from './types'

/** The id of the file input, which the error summary links to. */
export const ATTACHMENT = 'attachment'

/** The most documents one answer takes (the API's documentIds limit). */
export const MAX_DOCUMENTS = 10

/** checkAttachment says what is wrong with a chosen file before it is sent, if anything; the server checks again. */
export function checkAttachment(file: File | undefined, attached: number): SummaryError | undefined {
  if (!file) return { field: ATTACHMENT, text: 'Select a file to attach' }
  if (attached >= MAX_DOCUMENTS) return { field: ATTACHMENT, text: `An answer can have up to ${MAX_DOCUMENTS} documents` }
  if (!isDocumentType(file)) return { field: ATTACHMENT, text: `The selected file must be a ${TYPES_TEXT} file` }
  if (file.size === 0) return { field: ATTACHMENT, text: 'The selected file is empty' }
  return undefined
}

/**
 * uploadClarificationDocument sends the file as the request body, streamed by
 * the browser, with its name in the query string; the server keeps it for the
 * council until an answer attaches it.
 */
export function uploadClarificationDocument(opportunityId: string, file: File): Promise<ClarificationDocument> {
  return call(
    api.POST('/api/v1/clarification-uploads/{id}', {
      params: { path: { id: opportunityId }, query: { filename: file.name }, header: { 'Content-Type': contentTypeOf(file) } },
      // The schema types the body per content type; the file goes as it is.
      body: file as never,
      bodySerializer: (b: unknown) => b as BodyInit,
    }),
  )
}

/** What the component needs of the page's form: its errors and its way of sending. */
interface FormLike {
  errors: Record<string, string | undefined>
  submitting: boolean
  fail: (summary: SummaryError[]) => void
  submit: (send: () => Promise<void>, onProblem?: ProblemHandler) => Promise<boolean>
}

// Every error the upload route gives is about the file.
const aboutTheFile: ProblemHandler = (err) => ({
  summary: [{ field: ATTACHMENT, text: err.problem.errors?.[0]?.message || err.problem.detail || 'The file could not be attached' }],
  fields: { [ATTACHMENT]: err.problem.errors?.[0]?.message || err.problem.detail || 'The file could not be attached' },
})

/**
 * AttachDocuments is a GOV.UK file upload with an "Attach file" button, and the
 * list of files attached so far, each of which can be taken off again.
 */
export function AttachDocuments({
  opportunityId,
  form,
  documents,
  onChange,
}: {
  opportunityId: string
  form: FormLike
  documents: ClarificationDocument[]
  onChange: (docs: ClarificationDocument[]) => void
}) {
  const [file, setFile] = useState<File>()
  // A new key empties the file input once its file is attached.
  const [inputKey, setInputKey] = useState(0)

  const attach = async () => {
    const problem = checkAttachment(file, documents.length)
    if (problem) return form.fail([problem])
    let doc: ClarificationDocument | undefined
    const ok = await form.submit(async () => {
      doc = await uploadClarificationDocument(opportunityId, file!)
    }, aboutTheFile)
    if (ok && doc) {
      onChange([...documents, doc])
      setFile(undefined)
      setInputKey((k) => k + 1)
    }
  }

  return (
    <div className="govuk-!-margin-bottom-6">
      {documents.length > 0 && (
        <>
          <h3 className="govuk-heading-s">Attached documents</h3>
          <ul className="govuk-list">
            {documents.map((d) => (
              <li key={d.id}>
                {d.filename} ({formatSize(d.size)}){' '}
                <Button type="button" variant="secondary" className="govuk-!-margin-bottom-0" onClick={() => onChange(documents.filter((x) => x.id !== d.id))}>
                  Remove<span className="govuk-visually-hidden"> {d.filename}</span>
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      <FileUpload
        key={inputKey}
        id={ATTACHMENT}
        label="Attach a document (optional)"
        labelSize="s"
        hint={`Such as a corrected schedule. It is published with the answer. ${TYPES_TEXT}.`}
        accept={ACCEPT}
        error={form.errors[ATTACHMENT]}
        onChange={setFile}
      />
      <Button type="button" variant="secondary" busy={form.submitting} onClick={() => void attach()}>
        Attach file
      </Button>
    </div>
  )
}
