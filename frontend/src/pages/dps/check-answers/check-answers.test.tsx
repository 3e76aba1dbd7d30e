import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { draftApplication, ids, problem, serve, submittedApplication } from '../fixtures'
import { DpsApplicationRoutes } from '../routes'

const routes = <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />
const path = `/api/v1/dps-applications/${ids.app}`

describe('CheckAnswers', () => {
  it('shows every answer with Change links, sends it, and confirms with the day we will decide by', async () => {
    let sent = false
    serve(supplier, (req, url) => {
      if (url.pathname === path) return json(200, sent ? submittedApplication() : submittedApplication({ status: 'draft' }))
      if (url.pathname === `${path}/submit` && req.method === 'POST') {
        sent = true
        return json(200, submittedApplication())
      }
      return undefined
    })
    renderPage(routes, `/dps-applications/${ids.app}/check`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your answers before sending your application' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /^Change\s*your answer to ‘Do you pay the London Living Wage\?’$/ })).toHaveAttribute(
      'href',
      `/dps-applications/${ids.app}/questions/1?change=1`,
    )
    expect(screen.getByText('From your profile')).toBeInTheDocument()
    // A document question's answer is its file, to download, with the details from the profile.
    expect(screen.getByRole('link', { name: 'pl.pdf' })).toHaveAttribute('href', `/api/v1/insurances/${ids.certificate}/document`)
    expect(screen.getByText('(47 KB)')).toBeInTheDocument()
    expect(screen.getByText('pl.pdf, £5000000 cover, valid until 2027-03-31')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Send application' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Application sent' })).toBeInTheDocument()
    expect(screen.getByText('We will decide by Tuesday 12 January 2027.')).toBeInTheDocument()
  })

  it('links each missing answer the server finds to its question', async () => {
    serve(supplier, (_req, url) => {
      if (url.pathname === path) return json(200, draftApplication())
      if (url.pathname === `${path}/submit`)
        return problem(422, [
          { location: 'body.answers[0].value', message: 'Answer the question: Do you pay the London Living Wage?' },
          { location: 'body.answers[2].value', message: 'Answer the question: How many care workers do you employ?' },
        ])
      return undefined
    })
    renderPage(routes, `/dps-applications/${ids.app}/check`)
    expect(await screen.findAllByText('Not answered')).toHaveLength(2)
    await userEvent.click(screen.getByRole('button', { name: 'Send application' }))
    expect(await screen.findByRole('link', { name: 'Answer the question: Do you pay the London Living Wage?' })).toHaveAttribute(
      'href',
      `/dps-applications/${ids.app}/questions/1?change=1`,
    )
    expect(screen.getByRole('link', { name: 'Answer the question: How many care workers do you employ?' })).toHaveAttribute(
      'href',
      `/dps-applications/${ids.app}/questions/3?change=1`,
    )
    await waitFor(() => expect(document.title).toMatch(/^Error: Check your answers/))
  })

  it('shows a document question with no file as not answered, and links the server’s refusal to its page', async () => {
    const d = draftApplication()
    const app = draftApplication({ answers: d.answers.map((a, i) => (i === 1 ? { ...a, value: '', fromProfile: false, document: undefined } : a)) })
    serve(supplier, (_req, url) => {
      if (url.pathname === path) return json(200, app)
      if (url.pathname === `${path}/submit`) return problem(422, [{ location: 'body.answers[1].document', message: 'Upload a file to answer the question: Public liability insurance' }])
      return undefined
    })
    renderPage(routes, `/dps-applications/${ids.app}/check`)
    expect(await screen.findAllByText('Not answered')).toHaveLength(3)
    await userEvent.click(screen.getByRole('button', { name: 'Send application' }))
    expect(await screen.findByRole('link', { name: 'Upload a file to answer the question: Public liability insurance' })).toHaveAttribute(
      'href',
      `/dps-applications/${ids.app}/questions/2?change=1`,
    )
  })
})
