import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { afterEach, describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { AddCertificate } from './add-certificate'

// Pasting rather than typing keeps the test quick on a busy machine.
async function enter(label: string, text: string) {
  await userEvent.click(screen.getByLabelText(label))
  await userEvent.paste(text)
}

async function fill(file: File) {
  await userEvent.click(await screen.findByLabelText('Employer’s liability'))
  await enter('Amount of cover', '10,000,000')
  await enter('Day', '31')
  await enter('Month', '3')
  await enter('Year', String(new Date().getFullYear() + 2))
  await userEvent.upload(screen.getByLabelText('Upload the certificate'), file)
}

describe('AddCertificate', () => {
  afterEach(() => {
    document.cookie = 'ft_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
  })

  it('uploads the file itself as the body, with the details in the query and the CSRF header', async () => {
    document.cookie = 'ft_csrf=tok123; path=/'
    const seen = mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === '/api/v1/supplier/insurances' && req.method === 'POST') return json(201, {})
      return anonymous(req, url)
    })
    renderPage(<Route path="/insurance/add" element={<AddCertificate />} />, '/insurance/add')
    await fill(new File(['%PDF-1.4 test'], 'el.pdf', { type: 'application/pdf' }))
    await userEvent.click(screen.getByRole('button', { name: 'Add certificate' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/insurance$/))

    const post = seen.find((r) => r.method === 'POST')!
    const q = new URL(post.url).searchParams
    expect(q.get('kind')).toBe('employers_liability')
    expect(q.get('amountPence')).toBe('1000000000')
    expect(q.get('expiresOn')).toBe(`${new Date().getFullYear() + 2}-03-31`)
    expect(q.get('filename')).toBe('el.pdf')
    expect(post.headers.get('Content-Type')).toBe('application/pdf')
    expect(post.headers.get('X-CSRF-Token')).toBe('tok123')
    // jsdom's File is not the Blob Node's Request knows, so the body's bytes
    // are checked in the e2e journey, in a real browser.
  })

  it('shows the server’s problems against the fields on the page, with Error: in the title', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === '/api/v1/supplier/insurances' && req.method === 'POST')
        return json(422, {
          status: 422,
          title: 'Unprocessable Entity',
          errors: [
            { location: 'body.expiresOn', message: 'Enter the expiry date as a real date, for example 2027-03-31' },
            { location: 'body.file', message: 'The file must be smaller than 1 MB' },
          ],
        })
      return anonymous(req, url)
    })
    renderPage(<Route path="/insurance/add" element={<AddCertificate />} />, '/insurance/add')
    await fill(new File(['x'], 'el.pdf', { type: 'application/pdf' }))
    await userEvent.click(screen.getByRole('button', { name: 'Add certificate' }))
    const summary = await screen.findByRole('alert')
    expect(screen.getByRole('link', { name: /real date/ })).toHaveAttribute('href', '#expiresOn-day')
    expect(screen.getByRole('link', { name: 'The file must be smaller than 1 MB' })).toHaveAttribute('href', '#file')
    expect(summary).toBeInTheDocument()
    await waitFor(() => expect(document.title).toMatch(/^Error: Add an insurance certificate/))
    // Values survive the error.
    expect(screen.getByLabelText('Amount of cover')).toHaveValue('10,000,000')
  })

  it('checks the form before sending anything', async () => {
    const seen = mockServer((req, url) => (url.pathname === '/api/v1/me' ? json(200, supplier) : anonymous(req, url)))
    renderPage(<Route path="/insurance/add" element={<AddCertificate />} />, '/insurance/add')
    await userEvent.click(await screen.findByRole('button', { name: 'Add certificate' }))
    await screen.findByRole('alert')
    expect(screen.getByRole('link', { name: 'Select a certificate to upload' })).toHaveAttribute('href', '#file')
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
  })
})
