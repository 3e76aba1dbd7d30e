// tus-js-client is replaced by a fake that records what the component asked
// of it and lets each test play the server's part (progress, a dropped
// connection, the end); the real client's protocol is exercised in the e2e test.
import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'

interface FakeOptions {
  endpoint: string
  chunkSize: number
  retryDelays: number[]
  metadata: Record<string, string>
  onBeforeRequest: (req: { getMethod: () => string; setHeader: (k: string, v: string) => void }) => void
  onAfterResponse: (req: unknown, res: { getHeader: (k: string) => string | undefined }) => void
  onProgress: (sent: number, total: number) => void
  onSuccess: () => void
  onError: (err: Error & { originalResponse?: unknown }) => void
}

const fake = vi.hoisted(() => ({ uploads: [] as { options: FakeOptions; start: ReturnType<typeof vi.fn>; abort: ReturnType<typeof vi.fn>; resumed: unknown[] }[], previous: [] as unknown[] }))

vi.mock('tus-js-client', () => ({
  Upload: class {
    options: FakeOptions
    start = vi.fn()
    abort = vi.fn(() => Promise.resolve())
    resumed: unknown[] = []
    constructor(_file: File, options: FakeOptions) {
      this.options = options
      fake.uploads.push(this)
    }
    findPreviousUploads() {
      return Promise.resolve(fake.previous)
    }
    resumeFromPreviousUpload(p: unknown) {
      this.resumed.push(p)
    }
  },
}))

const { CHUNK_SIZE, ResumableUpload } = await import('./resumable-upload')

const MB = 1024 * 1024
const file = () => new File([new Uint8Array(30 * MB)], 'method.pdf', { type: 'application/pdf' })

async function chooseAndUpload(onComplete = vi.fn()) {
  render(<ResumableUpload id="file" label="Upload a file" metadata={{ bidId: 'b1', questionId: 'q3' }} onComplete={onComplete} />)
  await userEvent.upload(screen.getByLabelText('Upload a file'), file())
  await userEvent.click(screen.getByRole('button', { name: 'Upload file' }))
  await vi.waitFor(() => expect(fake.uploads.at(-1)?.start).toHaveBeenCalled())
  return { u: fake.uploads.at(-1)!, onComplete }
}

beforeEach(() => {
  fake.uploads.length = 0
  fake.previous = []
})

describe('ResumableUpload', () => {
  it('sends the file in 8 MiB chunks with its bid, question, name and type, and the CSRF header on unsafe requests', async () => {
    document.cookie = 'ft_csrf=tok123; path=/'
    const { u } = await chooseAndUpload()
    expect(u.options.endpoint).toBe('/api/v1/uploads/')
    expect(u.options.chunkSize).toBe(CHUNK_SIZE)
    expect(CHUNK_SIZE).toBe(8 * MB)
    expect(u.options.retryDelays.length).toBeGreaterThan(2)
    expect(u.options.metadata).toEqual({ bidId: 'b1', questionId: 'q3', filename: 'method.pdf', filetype: 'application/pdf' })
    const headers: Record<string, string> = {}
    u.options.onBeforeRequest({ getMethod: () => 'PATCH', setHeader: (k, v) => (headers[k] = v) })
    expect(headers).toEqual({ 'X-CSRF-Token': 'tok123' })
    const head: Record<string, string> = {}
    u.options.onBeforeRequest({ getMethod: () => 'HEAD', setHeader: (k, v) => (head[k] = v) })
    expect(head).toEqual({})
  })

  it('shows progress as a bar and in words, and pauses and resumes', async () => {
    const { u } = await chooseAndUpload()
    act(() => u.options.onProgress(12 * MB, 30 * MB))
    const bar = screen.getByRole('progressbar', { name: 'Upload of method.pdf' })
    expect(bar).toHaveAttribute('aria-valuenow', '40')
    expect(screen.getByText('Uploading: 12.0 MB of 30.0 MB (40%)')).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Uploading: 40%')
    await userEvent.click(screen.getByRole('button', { name: 'Pause upload' }))
    expect(u.abort).toHaveBeenCalledWith()
    expect(screen.getByRole('status')).toHaveTextContent('Paused: 12.0 MB of 30.0 MB (40%)')
    await userEvent.click(screen.getByRole('button', { name: 'Resume upload' }))
    expect(u.start).toHaveBeenCalledTimes(2)
    expect(screen.getByRole('button', { name: 'Pause upload' })).toBeInTheDocument()
  })

  it('says the connection was lost and carries on from where it stopped when resumed', async () => {
    const { u, onComplete } = await chooseAndUpload()
    act(() => u.options.onProgress(27 * MB, 30 * MB))
    act(() => u.options.onError(Object.assign(new Error('tus: failed to upload chunk'), { originalResponse: null })))
    expect(screen.getByText(/The connection was lost at 90%/)).toHaveClass('govuk-error-message')
    await userEvent.click(screen.getByRole('button', { name: 'Resume upload' }))
    expect(u.start).toHaveBeenCalledTimes(2)
    expect(screen.queryByText(/The connection was lost/)).not.toBeInTheDocument()
    act(() => {
      u.options.onAfterResponse({}, { getHeader: (k) => (k === 'Fairtender-Document-Id' ? 'doc-9' : undefined) })
      u.options.onSuccess()
    })
    expect(onComplete).toHaveBeenCalledWith('doc-9')
    expect(screen.getByRole('status')).toHaveTextContent('method.pdf has uploaded.')
  })

  it('gives the server’s reason when it refuses the file', async () => {
    const { u } = await chooseAndUpload()
    const res = { getStatus: () => 422, getBody: () => JSON.stringify({ status: 422, detail: 'The file is not a PDF or Word document.' }) }
    act(() => u.options.onError(Object.assign(new Error('tus: unexpected response'), { originalResponse: res })))
    expect(screen.getByText('The file is not a PDF or Word document.', { exact: false })).toHaveClass('govuk-error-message')
  })

  it('picks up an upload of the same file left unfinished earlier', async () => {
    const earlier = { uploadUrl: '/api/v1/uploads/abc', size: 30 * MB }
    fake.previous = [earlier]
    const { u } = await chooseAndUpload()
    expect(u.resumed).toEqual([earlier])
  })

  it('asks for a file when none is chosen', async () => {
    render(<ResumableUpload id="file" label="Upload a file" metadata={{}} onComplete={vi.fn()} />)
    await userEvent.click(screen.getByRole('button', { name: 'Upload file' }))
    expect(screen.getByText('Choose a file to upload', { exact: false })).toHaveClass('govuk-error-message')
    expect(fake.uploads).toHaveLength(0)
  })
})
