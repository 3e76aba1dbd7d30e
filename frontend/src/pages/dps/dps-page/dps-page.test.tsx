import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { buyer, homeCare, ids, serve } from '../fixtures'
import { DpsRoutes } from '../routes'
import type { Dps } from '../types'

const routes = <Route path="/dps/*" element={<DpsRoutes />} />

function serveDps(me: object | undefined, dps: Dps) {
  return serve(me, (_req, url) => (url.pathname === `/api/v1/dps/${ids.dps}` ? json(200, dps, { ETag: `"${dps.version}"` }) : undefined))
}

describe('DpsPage', () => {
  it('says what it buys, its rules in plain words and how many are in each category', async () => {
    serveDps(undefined, homeCare())
    renderPage(routes, `/dps/${ids.dps}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Home care and support' })).toBeInTheDocument()
    expect(screen.getByText(/^We decide within 10 working days of getting your application\./)).toBeInTheDocument()
    expect(screen.getByText('There are no fees for suppliers.')).toBeInTheDocument()
    expect(screen.getByText('From 1 April 2026 to 31 March 2030')).toBeInTheDocument()
    const care = screen.getByRole('heading', { level: 3, name: 'Home care' }).closest('.govuk-summary-card') as HTMLElement
    expect(within(care).getByText('12 suppliers: 9 small or medium-sized (SMEs), 3 voluntary or community (VCSEs), 5 local')).toBeInTheDocument()
    expect(within(care).getByText('Islington')).toBeInTheDocument()
    expect(within(care).getByText('Up to £500,000')).toBeInTheDocument()
    expect(within(care).getByText('Social work services without accommodation (85312000-9)')).toBeInTheDocument()
    const respite = screen.getByRole('heading', { level: 3, name: 'Respite care' }).closest('.govuk-summary-card') as HTMLElement
    expect(within(respite).getByText('No suppliers yet')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Apply to join' })).toHaveAttribute('href', `/dps/${ids.dps}/apply`)
    expect(screen.getByText(/You need to sign in as a supplier first/)).toBeInTheDocument()
  })

  it('explains the fee of a dynamic market', async () => {
    serveDps(supplier, homeCare({ regime: 'pa2023', feeBp: 150, feeDescription: 'Invoiced quarterly.', firstCallFrom: undefined }))
    renderPage(routes, `/dps/${ids.dps}`)
    expect(await screen.findByText('Suppliers who win a contract pay a fee of 1.5% of its value. Invoiced quarterly.')).toBeInTheDocument()
    expect(screen.getByText('This is a dynamic market under the Procurement Act 2023.')).toBeInTheDocument()
    expect(screen.queryByText(/You need to sign in/)).not.toBeInTheDocument()
  })

  it('says when a list is not taking applications', async () => {
    serveDps(supplier, homeCare({ status: 'closed', endsOn: '2026-01-31' }))
    renderPage(routes, `/dps/${ids.dps}`)
    expect(await screen.findByText('This list closed on 31 January 2026. It is not taking applications.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Apply to join' })).not.toBeInTheDocument()
  })

  it('lets a buyer change and publish a draft', async () => {
    serveDps(buyer, homeCare({ status: 'draft', publishedAt: undefined, firstCallFrom: undefined }))
    renderPage(routes, `/dps/${ids.dps}`)
    expect(await screen.findByRole('link', { name: 'Check and publish' })).toHaveAttribute('href', `/dps/${ids.dps}/publish`)
    expect(screen.getByRole('link', { name: 'Change this draft' })).toHaveAttribute('href', `/dps/${ids.dps}/edit`)
    expect(screen.getByText('This is a draft. Suppliers cannot see it until you publish it.')).toBeInTheDocument()
  })

  it('is not found when the server does not know it', async () => {
    serve(undefined, () => undefined)
    renderPage(routes, `/dps/${ids.dps}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument()
  })
})

describe('DpsPage questions and answers', () => {
  const answers = {
    items: [
      { number: 1, threadRef: 'Q-7KD2MX', visibility: 'everyone', subject: 'Insurance cover', question: 'Is £2m cover enough to join?',
        answer: 'Yes: £2m is the minimum.', publishedOn: '2026-06-10', publishedOnText: '10 June 2026', documents: [] },
    ],
  }
  const withAnswers = (me: object | undefined, dps: Dps) =>
    serve(me, (_req, url) => {
      if (url.pathname === `/api/v1/dps/${ids.dps}`) return json(200, dps, { ETag: `"${dps.version}"` })
      if (url.pathname === `/api/v1/dps/${ids.dps}/questions`) return json(200, answers)
      return undefined
    })

  it('shows the published answers about joining, naming no asker, and lets a supplier ask until the list closes', async () => {
    withAnswers(supplier, homeCare())
    renderPage(routes, `/dps/${ids.dps}`)
    const section = await screen.findByRole('region', { name: 'Questions and answers' })
    expect(section).toHaveAttribute('id', 'questions')
    expect(await within(section).findByRole('heading', { level: 3, name: 'Answer 1: Insurance cover' })).toBeInTheDocument()
    expect(within(section).getByText('Yes: £2m is the minimum.')).toBeInTheDocument()
    expect(within(section).getByText('You can ask questions until the end of 31 March 2030.')).toBeInTheDocument()
    expect(within(section).getByRole('button', { name: 'Ask a question' })).toHaveAttribute('href', `/dps/${ids.dps}/ask`)
  })

  it('says questions closed with the list, and offers no way to ask', async () => {
    withAnswers(supplier, homeCare({ status: 'closed', endsOn: '2020-03-31' }))
    renderPage(routes, `/dps/${ids.dps}`)
    const section = await screen.findByRole('region', { name: 'Questions and answers' })
    expect(within(section).getByText('Questions closed at the end of 31 March 2020.')).toBeInTheDocument()
    expect(within(section).queryByRole('button', { name: 'Ask a question' })).not.toBeInTheDocument()
    expect(await within(section).findByText('Yes: £2m is the minimum.')).toBeInTheDocument()
  })
})
