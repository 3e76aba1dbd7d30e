import { useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import { isProblem } from '../../../api/errors'
import { ResumableUpload } from '../../../components/resumable-upload/resumable-upload'
import { bidDocumentTypeLabels } from '../../../lib/labels'
import { formatDateTime, formatSize } from '../../opportunities/format'
import { documentHref, removeDocument } from '../api'
import type { BidDocumentType, BidFormQuestion } from '../api-types'
import { useBid } from '../bid-state'
import { bidPath, documentsOf } from '../progress'

const extensions: Record<BidDocumentType, string> = {
  pdf: '.pdf',
  docx: '.docx',
  xlsx: '.xlsx',
  odt: '.odt',
  ods: '.ods',
  jpg: '.jpg,.jpeg',
  png: '.png',
}

/**
 * DocumentAnswer is the answer to a document question: the files uploaded so
 * far, each with its name, size and SHA-256 as the server received it, and
 * a resumable upload for another while the question takes more.
 */
export function DocumentAnswer({ q, hint }: { q: BidFormQuestion; hint: ReactNode }) {
  const { bid, reload } = useBid()
  const [problem, setProblem] = useState('')
  const [removing, setRemoving] = useState('')
  const [uploaded, setUploaded] = useState('')
  const docs = documentsOf(bid, q.id)
  const max = q.maxFiles || 1
  const types = q.documentTypes ?? []
  const typeText = types.map((t) => bidDocumentTypeLabels[t] ?? t).join(', ')

  const remove = async (id: string, name: string) => {
    if (removing) return
    setRemoving(id)
    setProblem('')
    try {
      await removeDocument(bid.id, id)
      await reload()
      setUploaded(`${name} has been removed.`)
    } catch (err) {
      setProblem(isProblem(err) ? err.problem.detail || `${name} could not be removed.` : 'Sorry, there is a problem with the service. Try again later.')
    } finally {
      setRemoving('')
    }
  }

  return (
    <>
      <h1 className="govuk-heading-l">{q.title}</h1>
      <p className="govuk-hint">{hint}</p>
      {problem && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {problem}
        </p>
      )}
      <p className="govuk-body" role="status">
        {uploaded}
      </p>
      <h2 className="govuk-heading-m">Files you have uploaded</h2>
      {docs.length === 0 ? (
        <p className="govuk-body">You have not uploaded any files for this question yet.</p>
      ) : (
        <dl className="govuk-summary-list">
          {docs.map((d) => (
            <div className="govuk-summary-list__row" key={d.id}>
              <dt className="govuk-summary-list__key app-break-words">
                <a className="govuk-link" href={documentHref(bid.id, d.id)}>
                  {d.filename}
                </a>
              </dt>
              <dd className="govuk-summary-list__value">
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  {formatSize(d.size)} ({d.size.toLocaleString('en-GB')} bytes), received {formatDateTime(d.uploadedAt)} from {d.uploadedBy}
                </p>
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  SHA-256 as we received it: <code className="app-break-words">{d.sha256}</code>
                </p>
              </dd>
              <dd className="govuk-summary-list__actions">
                <button
                  type="button"
                  className="app-button-link"
                  aria-disabled={removing === d.id || undefined}
                  onClick={() => void remove(d.id, d.filename)}
                >
                  Remove<span className="govuk-visually-hidden"> {d.filename}</span>
                </button>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {docs.length < max ? (
        <ResumableUpload
          id="file"
          label={docs.length ? 'Upload another file' : 'Upload a file'}
          hint={`${typeText ? `${typeText}. ` : ''}${max > 1 ? `Up to ${max} files. ` : ''}If your connection drops, the upload carries on from where it stopped.`}
          accept={types.map((t) => extensions[t as BidDocumentType]).join(',') || undefined}
          metadata={{ bidId: bid.id, questionId: q.id }}
          onComplete={() => {
            setUploaded('Your file has uploaded.')
            void reload()
          }}
        />
      ) : (
        <p className="govuk-body">
          This question takes {max === 1 ? 'one file' : `up to ${max} files`}. To upload a different one, remove one first.
        </p>
      )}
      <Link to={bidPath(bid.id)} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
        Continue
      </Link>
    </>
  )
}
