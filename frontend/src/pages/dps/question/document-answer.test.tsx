import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { afterEach, describe, expect, it } from 'vitest'
import { json, supplier, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { draftApplication, ids, problem, serve } from '../fixtures'
import { DpsApplicationRoutes } from '../routes'
import type { Application } from '../types'

const routes = <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />
const path = `/api/v1/dps-applications/${ids.app}`
const uploadPath = `/api/v1/dps-answer-uploads/${ids.app}/${ids.insurance}`
const page = `/dps-applications/${ids.app}/questions/2`

/** withoutFile is the draft with the insurance question not yet answered. */
function withoutFile(): Application {
  const d = draftApplication()
  return draftApplication({ answers: d.answers.map((a, i) => (i === 1 ? { ...a, value: '', fromProfile: false, document: undefined } : a)) })
}

/** withUpload is the draft once policy.pdf has been uploaded for the insurance question. */
function withUpload(): Application {
  const d = draftApplication()
  return draftApplication({
    version: 2,
    answers: d.answers.map((a, i) =>
      i === 1
        ? {
            ...a,
            value: 'policy.pdf',
            fromProfile: false,
            document: { filename: 'policy.pdf', size: 2048, sha256: 'ab'.repeat(32), uploadedAt: '2027-01-04T10:00:00Z', url: `${path}/answers/${ids.insurance}/document` },
          }
        : a,
    ),
  })
}

function serveApp(app: Application, upload: ServerRoute = () => json(200, withUpload())) {
  return serve(supplier, (req, url) => {
    if (url.pathname === path && req.method === 'GET') return json(200, app)
    if (url.pathname === uploadPath && req.method === 'PUT') return upload(req, url)
    return undefined
  })
}

const pdf = () => new File(['%PDF-1.7 our policy'], 'policy.pdf', { type: 'application/pdf' })

describe('DocumentAnswer', () => {
  afterEach(() => {
    document.cookie = 'ft_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
  })

  it('asks for a file, saying which kinds and how large, and uploads the chosen one as the body', async () => {
    document.cookie = 'ft_csrf=tok; path=/'
    const seen = serveApp(withoutFile())
    renderPage(routes, page)
    expect(await screen.findByRole('heading', { level: 1, name: /Question 2 of 3\s*Public liability insurance/ })).toBeInTheDocument()
    const input = screen.getByLabelText('Upload a file')
    expect(input).toHaveAccessibleDescription('The file must be a PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, image or ZIP file, smaller than 100 MB.')
    expect(screen.getByRole('link', { name: 'Answer this later' })).toHaveAttribute('href', `/dps-applications/${ids.app}/questions/3`)
    await userEvent.upload(input, pdf())
    await userEvent.click(screen.getByRole('button', { name: 'Upload file' }))

    expect(await screen.findByText('policy.pdf uploaded')).toBeInTheDocument()
    const put = seen.find((r) => r.method === 'PUT')!
    expect(new URL(put.url).pathname).toBe(uploadPath)
    expect(new URL(put.url).searchParams.get('filename')).toBe('policy.pdf')
    expect(put.headers.get('Content-Type')).toBe('application/pdf')
    expect(put.headers.get('X-CSRF-Token')).toBe('tok')
    // The bytes themselves are checked in the e2e journey, in a real browser.

    const file = screen.getByText('Your file').closest('div')!
    expect(within(file).getByRole('link', { name: 'policy.pdf' })).toHaveAttribute('href', `${path}/answers/${ids.insurance}/document`)
    expect(within(file).getByText(/\(2 KB\)/)).toBeInTheDocument()
    expect(screen.queryByLabelText('Upload a file')).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: /^Replace\s*the file$/ })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveAttribute('href', `/dps-applications/${ids.app}/questions/3`)
  })

  it('says to choose a file when none was chosen, with Error: in the title', async () => {
    const seen = serveApp(withoutFile())
    renderPage(routes, page)
    await userEvent.click(await screen.findByRole('button', { name: 'Upload file' }))
    expect(await screen.findByRole('link', { name: 'Select a file to upload' })).toHaveAttribute('href', '#file')
    expect(document.getElementById('file-error')).toHaveTextContent('Select a file to upload')
    await waitFor(() => expect(document.title).toMatch(/^Error: Public liability insurance/))
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0)
  })

  it('shows the server’s problem with the file against the file input', async () => {
    serveApp(withoutFile(), () => problem(422, [{ location: 'body.file', message: 'The file must be smaller than 100 MB' }]))
    renderPage(routes, page)
    await userEvent.upload(await screen.findByLabelText('Upload a file'), pdf())
    await userEvent.click(screen.getByRole('button', { name: 'Upload file' }))
    expect(await screen.findByRole('link', { name: 'The file must be smaller than 100 MB' })).toHaveAttribute('href', '#file')
    expect(document.getElementById('file-error')).toHaveTextContent('The file must be smaller than 100 MB')
  })

  it('shows a refusal without a field, such as an application already sent, in the summary', async () => {
    serveApp(withoutFile(), () => problem(409, [], 'This application has been submitted and can no longer be changed'))
    renderPage(routes, page)
    await userEvent.upload(await screen.findByLabelText('Upload a file'), pdf())
    await userEvent.click(screen.getByRole('button', { name: 'Upload file' }))
    expect(await screen.findByText('This application has been submitted and can no longer be changed')).toBeInTheDocument()
  })

  it('shows the certificate from the profile as the answer, and Replace uploads another instead', async () => {
    const seen = serveApp(draftApplication())
    renderPage(routes, page)
    const file = (await screen.findByText('Your file')).closest('div')!
    expect(within(file).getByRole('link', { name: 'pl.pdf' })).toHaveAttribute('href', `/api/v1/insurances/${ids.certificate}/document`)
    expect(within(file).getByText('From your profile')).toBeInTheDocument()
    expect(screen.getByText(/We took this from your organisation’s profile/)).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: /^Replace\s*the file$/ }))
    const input = screen.getByLabelText('Choose a new file')
    await waitFor(() => expect(input).toHaveFocus())
    await userEvent.click(screen.getByRole('button', { name: 'Keep the file you have' }))
    expect(screen.queryByLabelText('Choose a new file')).not.toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: /^Replace\s*the file$/ }))
    await userEvent.upload(screen.getByLabelText('Choose a new file'), pdf())
    await userEvent.click(screen.getByRole('button', { name: 'Upload file' }))
    expect(await screen.findByText('policy.pdf uploaded')).toBeInTheDocument()
    expect(screen.queryByText('From your profile')).not.toBeInTheDocument()
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(1)
  })

  it('goes on to check your answers when reached from there', async () => {
    serveApp(draftApplication())
    renderPage(routes, `${page}?change=1`)
    expect(await screen.findByRole('button', { name: 'Continue' })).toHaveAttribute('href', `/dps-applications/${ids.app}/check`)
  })
})
