// The public opportunity pages, in a real browser against the real server: a
// buyer publishes an opportunity with a document through the API, then someone
// who has not signed in finds it by a word, narrows the search with filters,
// opens it and sees how long is left and the document; on the way, a search
// that matches nothing, a search the API refuses (422), the filters on a phone
// and the forward pipeline. Axe runs on every page state.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { check, launch, noHorizontalScroll, type Browser } from './browser'
import { apiCall, apiSignIn, londonDay } from './api'
import { steps, waitForH1 } from './steps'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const runId = inject('runId')
const staff = inject('staff')
const staffPassword = inject('staffPassword')

// A made-up word only this run's opportunity has, so the search finds it alone.
const word = `zq${runId}`
const title = `Graffiti removal from park benches ${word}`
const plannedTitle = `Park bench repairs ${word}`
const documentName = 'graffiti-specification.pdf'
const DAYS_TO_BID = 23

let browser: Browser
let page: Page
let started = 0
let opportunityId = ''

const step = steps()

async function main(p: Page): Promise<string> {
  return (await p.locator('main').textContent()) ?? ''
}

/** A signed-in API session: the cookies the server set, and the CSRF token to echo. */
describe.skipIf(Boolean(skipReason))('public opportunity search', () => {
  beforeAll(async () => {
    browser = await launch({ prefix: 'search' })
    page = browser.page
    started = performance.now()
  })

  afterAll(async () => {
    if (started) console.log(`e2e: search journey took ${((performance.now() - started) / 1000).toFixed(1)} s`)
    await browser?.close()
  })

  step('a buyer publishes an opportunity with a document, and plans another, through the API', async () => {
    const buyer = await apiSignIn(staff.searchBuyer, staffPassword)
    const draft = await apiCall<{ id: string }>(buyer, 'POST', '/api/v1/opportunities', {
      title,
      summary: 'Remove graffiti from benches and walls in 12 parks, using methods that do not harm wildlife.',
      description: 'The parks are listed in the specification. Work must be done before 8am.',
      procedure: 'quick_quote',
      estimatedValuePence: 4_500_000,
      contractMonths: 12,
      placeOfDelivery: 'E09000019',
      reserved: 'none',
      suitableForSmes: true,
      suitableForVcses: false,
      cpvCodes: ['90690000-0'],
      criteria: [
        { name: 'Price', kind: 'price', weightBp: 4000 },
        { name: 'How you will do the work', kind: 'quality', weightBp: 4000 },
        { name: 'Local jobs and training', kind: 'social_value', weightBp: 2000 },
      ],
      clarificationDeadline: `${londonDay(DAYS_TO_BID - 7)}T12:00`,
      submissionDeadline: `${londonDay(DAYS_TO_BID)}T12:00`,
      expectedAwardOn: londonDay(DAYS_TO_BID + 21),
    })
    opportunityId = draft.id
    const pdf = new Blob(['%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'.repeat(40)])
    await apiCall(buyer, 'POST', `/api/v1/opportunity-uploads/${draft.id}?filename=${documentName}`, pdf, 'application/pdf')
    await apiCall(buyer, 'POST', `/api/v1/opportunities/${draft.id}/publish`)
    await apiCall(buyer, 'POST', '/api/v1/pipeline', {
      title: plannedTitle,
      summary: 'Repair and repaint benches in every park.',
      contactEmail: 'parks@council.example',
      cpvCodes: ['45000000-7'],
      estimatedValuePence: 12_000_000,
      expectedQuarter: `${new Date().getFullYear() + 1}-Q2`,
      procedure: 'open_tender',
      suitableForSmes: true,
    })
  })

  step('anyone finds it by a word and narrows the search with filters', async () => {
    await page.goto(`${baseURL}/opportunities`)
    await waitForH1(page, 'Find opportunities')
    await page.getByRole('heading', { name: /\d opportunit/ }).waitFor()
    await check(page, 'search')
    await page.getByLabel('Search opportunities').fill(`graffiti ${word}`)
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    // Other journeys publish too, so the unfiltered list may already show this title: wait for
    // the search itself to be answered.
    await page.waitForURL((u) => u.searchParams.get('q') === `graffiti ${word}`)
    await page.getByRole('heading', { name: '1 opportunity', exact: true }).waitFor()
    const result = page.getByRole('link', { name: title })
    await result.waitFor()

    await page.getByLabel('Suitable for small businesses').check()
    await page.getByLabel('Quick quote').check()
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.waitForURL((u) => u.searchParams.get('suitableForSmes') === 'true' && u.searchParams.get('procedure') === 'quick_quote')
    await page.getByRole('link', { name: 'Remove filter: How to bid: Quick quote' }).waitFor()
    await result.waitFor()
    const item = await page.locator('li', { has: result }).textContent()
    expect(item).toContain(`${DAYS_TO_BID} days to bid`)
    expect(item).toContain('Suitable for small businesses')
    expect(await page.getByRole('link', { name: /Atom feed/ }).getAttribute('href')).toBe(
      `/api/v1/feeds/opportunities.atom?q=graffiti+${word}&procedure=quick_quote&suitableForSmes=true`,
    )
    await check(page, 'search-filtered')
    await noHorizontalScroll(page, 'search-filtered')
  })

  step('a search that matches nothing says so and suggests removing filters', async () => {
    await page.getByLabel('More than £2 million').check()
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.getByRole('heading', { name: '0 opportunities' }).waitFor()
    expect(await main(page)).toContain('There are no opportunities that match your search.')
    await page.getByRole('link', { name: 'clearing all filters' }).waitFor()
    await check(page, 'search-empty')
    await page.goBack()
    await page.getByRole('link', { name: title }).waitFor()
  })

  step('a search the API refuses shows the error summary linked to the search box', async () => {
    await page.goto(`${baseURL}/opportunities?q=%01`)
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    const link = summary.getByRole('link')
    expect(await link.getAttribute('href')).toBe('#q')
    expect(await page.title()).toMatch(/^Error: Find opportunities/)
    await check(page, 'search-error')
    await link.click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q')
  })

  step('opens it and sees how long is left and the document', async () => {
    await page.goto(`${baseURL}/opportunities?q=${word}`)
    await page.getByRole('link', { name: title }).click()
    await waitForH1(page, title)
    const text = await main(page)
    expect(text).toContain(`${DAYS_TO_BID} days to bid`)
    expect(text).toContain('Quick quote')
    expect(text).toContain('Graffiti removal services')
    expect(text).toContain('20%')
    const doc = page.getByRole('link', { name: documentName })
    const href = (await doc.getAttribute('href')) ?? ''
    expect(href).toBe(`/api/v1/opportunities/${opportunityId}/documents/${href.split('/').pop()}`)
    expect(await page.locator('li', { has: doc }).textContent()).toMatch(/PDF, \d+ KB/)
    const download = await page.request.get(`${baseURL}${href}`)
    expect(download.status()).toBe(200)
    expect(await page.getByRole('link', { name: 'Add the deadlines to your calendar' }).getAttribute('href')).toBe(
      `/api/v1/opportunities/${opportunityId}/calendar.ics`,
    )
    await check(page, 'opportunity')
    await noHorizontalScroll(page, 'opportunity')
    await page.getByRole('link', { name: 'Back to search results' }).click()
    await page.waitForURL((u) => u.pathname === '/opportunities' && u.searchParams.get('q') === word)
  })

  step('on a phone the filters fold into "Filter results" and still work', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      await page.goto(`${baseURL}/opportunities?q=${word}`)
      await page.getByRole('link', { name: title }).waitFor()
      const apply = page.getByRole('button', { name: 'Apply filters' })
      expect(await apply.isVisible()).toBe(false)
      await check(page, 'search-phone')
      await page.locator('summary', { hasText: 'Filter results' }).click()
      await apply.waitFor({ state: 'visible' })
      await page.getByLabel('Suitable for small businesses').check()
      await apply.click()
      await page.waitForURL((u) => u.searchParams.get('suitableForSmes') === 'true')
      await page.getByRole('link', { name: title }).waitFor()
      await check(page, 'search-phone-filtered')
    } finally {
      await page.setViewportSize({ width: 1024, height: 768 })
    }
  })

  step('the forward pipeline lists the planned work', async () => {
    await page.getByRole('link', { name: /forward pipeline/ }).click()
    await waitForH1(page, 'Work the council plans to buy')
    await page.getByRole('link', { name: plannedTitle }).waitFor()
    expect(await main(page)).toContain('April to June')
    await check(page, 'pipeline')
  })
})
