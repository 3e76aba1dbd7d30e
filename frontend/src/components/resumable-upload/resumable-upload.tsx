// A file upload that survives a dropped connection: the file goes in 8 MiB
// chunks by the tus protocol, each retried with backoff, and a paused, failed
// or interrupted upload carries on from the last chunk the server has (also
// after reloading the page, as tus-js-client remembers the upload's address).
import { useEffect, useId, useRef, useState } from 'react'
import { Upload, type DetailedError } from 'tus-js-client'
import { apiFetch, readCookie } from '../../api/client'
import { Button, ButtonGroup } from '../button/button'
import { ErrorMessage } from '../error-message/error-message'
import './resumable-upload.css'

/** CHUNK_SIZE is how much goes in one request: small enough to resend cheaply on a phone connection. */
export const CHUNK_SIZE = 8 * 1024 * 1024
/** RETRY_DELAYS are the waits, in milliseconds, before each retry of a failed chunk. */
export const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000]

/** Props for ResumableUpload. */
export interface ResumableUploadProps {
  id: string
  label: string
  hint?: string
  /** File types the picker offers, as the accept attribute takes them (".pdf,.docx"). */
  accept?: string
  /** Where uploads are created. */
  endpoint?: string
  /** What the server needs to know besides the file's name and type. */
  metadata: Record<string, string>
  /** Called when the server has the whole file, with the document's ID if it said. */
  onComplete: (documentId: string | undefined) => void
  /** An error to show that the page found (no file chosen). */
  error?: string
}

type Phase = 'idle' | 'uploading' | 'paused' | 'failed' | 'done'

function formatMB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

function problemDetail(body: string | undefined): string {
  try {
    const p = JSON.parse(body ?? '') as { detail?: string; title?: string }
    return p.detail || p.title || ''
  } catch {
    return (body ?? '').trim().slice(0, 300)
  }
}

/** uploadErrorText says in plain English why an upload stopped, and what to do. */
export function uploadErrorText(err: Error | DetailedError, percent: number): string {
  const res = 'originalResponse' in err ? err.originalResponse : null
  const status = res?.getStatus() ?? 0
  const detail = problemDetail(res?.getBody())
  if (!res || status === 0)
    return `The connection was lost at ${percent}%. Check your internet connection, then select ‘Resume upload’ to carry on from where it stopped.`
  if (status === 413) return detail || 'The file is too big to upload.'
  if (status === 401) return 'Your session has ended. Sign in again in another tab, then select ‘Resume upload’.'
  if (status >= 500) return `Sorry, there is a problem with the service. Your upload stopped at ${percent}%: try ‘Resume upload’ later.`
  return detail || 'The file could not be uploaded.'
}

/**
 * ResumableUpload is a GOV.UK file upload that sends the chosen file by tus,
 * with a progress bar and its progress in words (a polite live region that
 * speaks at every tenth), and buttons to pause, resume or cancel.
 */
export function ResumableUpload({ id, label, hint, accept, endpoint = '/api/v1/uploads/', metadata, onComplete, error }: ResumableUploadProps) {
  const [file, setFile] = useState<File | null>(null)
  const [phase, setPhase] = useState<Phase>('idle')
  const [sent, setSent] = useState(0)
  const [problem, setProblem] = useState('')
  const upload = useRef<Upload | null>(null)
  const documentId = useRef<string | undefined>(undefined)
  const sentNow = useRef(0)
  const statusId = useId()
  const inputRef = useRef<HTMLInputElement>(null)

  // Leaving the page pauses the upload; it resumes from the server's offset next time.
  useEffect(() => () => void upload.current?.abort(), [])

  const total = file?.size ?? 0
  const percent = total ? Math.floor((sent / total) * 100) : 0

  const begin = () => {
    if (!file) {
      setProblem('Choose a file to upload')
      return
    }
    setProblem('')
    setSent(0)
    sentNow.current = 0
    documentId.current = undefined
    const u = new Upload(file, {
      endpoint,
      chunkSize: CHUNK_SIZE,
      retryDelays: RETRY_DELAYS,
      metadata: { ...metadata, filename: file.name, filetype: file.type || 'application/octet-stream' },
      removeFingerprintOnSuccess: true,
      onBeforeRequest: (req) => {
        const csrf = readCookie('ft_csrf')
        if (csrf && req.getMethod() !== 'HEAD' && req.getMethod() !== 'GET') req.setHeader('X-CSRF-Token', csrf)
      },
      onAfterResponse: (_req, res) => {
        const d = res.getHeader('Fairtender-Document-Id')
        if (d) documentId.current = d
      },
      onShouldRetry: (err) => {
        const status = err.originalResponse?.getStatus() ?? 0
        // An access token that expired during a long upload: ask the API once, which refreshes the session.
        if (status === 401) {
          void apiFetch(new Request(new URL('/api/v1/me', window.location.origin))).catch(() => undefined)
          return true
        }
        return status === 0 || status === 409 || status === 423 || status >= 500
      },
      onProgress: (bytes) => {
        sentNow.current = bytes
        setSent(bytes)
      },
      onSuccess: () => {
        setPhase('done')
        setSent(file.size)
        upload.current = null
        onComplete(documentId.current)
      },
      onError: (err) => {
        setPhase('failed')
        setProblem(uploadErrorText(err, file.size ? Math.floor((sentNow.current / file.size) * 100) : 0))
      },
    })
    upload.current = u
    setPhase('uploading')
    void u
      .findPreviousUploads()
      .then((previous) => {
        if (previous.length > 0) u.resumeFromPreviousUpload(previous[0])
      })
      .catch(() => undefined)
      .finally(() => u.start())
  }

  const pause = () => {
    void upload.current?.abort()
    setPhase('paused')
  }
  const resume = () => {
    setProblem('')
    setPhase('uploading')
    upload.current?.start()
  }
  const cancel = () => {
    const u = upload.current
    upload.current = null
    void u?.abort(true).catch(() => undefined)
    setPhase('idle')
    setSent(0)
    setFile(null)
    if (inputRef.current) inputRef.current.value = ''
  }

  const shownError = problem || error
  const words =
    phase === 'done'
      ? `${file?.name ?? 'The file'} has uploaded.`
      : phase === 'idle'
        ? ''
        : `${phase === 'paused' ? 'Paused: ' : phase === 'failed' ? 'Stopped: ' : 'Uploading: '}${formatMB(sent)} of ${formatMB(total)} (${percent}%)`
  // Screen readers hear the progress at each tenth, not at every chunk.
  const spoken = phase === 'uploading' ? `Uploading: ${Math.floor(percent / 10) * 10}%` : words

  return (
    <div className={`govuk-form-group${shownError ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorMessage fieldId={id}>{shownError}</ErrorMessage>
      {(phase === 'idle' || phase === 'done') && (
        <>
          <input
            ref={inputRef}
            className={`govuk-file-upload${shownError ? ' govuk-file-upload--error' : ''}`}
            id={id}
            name={id}
            type="file"
            accept={accept}
            aria-describedby={[hint ? `${id}-hint` : '', shownError ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              setPhase('idle')
              setProblem('')
            }}
          />
          <div className="govuk-!-margin-top-4">
            <Button type="button" variant="secondary" onClick={begin}>
              Upload file
            </Button>
          </div>
        </>
      )}
      {phase !== 'idle' && phase !== 'done' && (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">{file?.name}</p>
          <div
            className="app-upload-progress"
            role="progressbar"
            aria-label={`Upload of ${file?.name ?? 'the file'}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={words}
          >
            <div className="app-upload-progress__bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="govuk-body" aria-hidden="true">
            {words}
          </p>
          <ButtonGroup>
            {phase === 'uploading' ? (
              <Button type="button" variant="secondary" onClick={pause}>
                Pause upload
              </Button>
            ) : (
              <Button type="button" onClick={resume}>
                Resume upload
              </Button>
            )}
            <Button type="button" variant="warning" onClick={cancel}>
              Cancel upload
            </Button>
          </ButtonGroup>
        </>
      )}
      <div className="govuk-visually-hidden" role="status" aria-live="polite" id={statusId}>
        {spoken}
      </div>
    </div>
  )
}
