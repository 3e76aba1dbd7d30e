// The buyer's journey, in a real browser against the real server: sign in,
// create a draft, fill in every task (seeing the weights checked as they are
// typed), upload a document, try to publish with too short a time to bid and
// see the server refuse it, put it right and publish, amend the deadline with a
// note, and cancel a second opportunity with a reason. Axe runs on every page
// state, each saved as a screenshot with a buying- prefix.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { check, launch, noHorizontalScroll, type Browser } from './browser'
import { steps, waitForH1 } from './steps'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const runId = inject('runId')
const staff = inject('staff')
const staffPassword = inject('staffPassword')

const title = `Window cleaning for libraries ${runId}`
const DAY = 86_400_000

let browser: Browser
let page: Page
let started = 0
let opportunityId = ''

async function main(p: Page): Promise<string> {
  return (await p.locator('main').textContent()) ?? ''
}

const step = steps()

/** The London date n days from now, as the date boxes and the API take it. */
function london(days: number) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
      .formatToParts(new Date(Date.now() + days * DAY))
      .map((p) => [p.type, p.value]),
  )
  const iso = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`
  return { day: parts.day, month: parts.month, year: parts.year, iso }
}

/** Fills the date (and time) boxes of the question with the legend. */
async function fillDate(p: Page, legend: string, days: number, time?: string) {
  const group = p.getByRole('group', { name: legend })
  const d = london(days)
  await group.getByLabel('Day').fill(d.day)
  await group.getByLabel('Month').fill(d.month)
  await group.getByLabel('Year').fill(d.year)
  if (time !== undefined) await group.getByLabel('Time').fill(time)
}

async function saveAndContinue(p: Page, h1: string | RegExp) {
  await p.getByRole('button', { name: 'Save and continue' }).click()
  await waitForH1(p, h1)
}

async function openTask(p: Page, name: string) {
  await p.getByRole('link', { name, exact: true }).click()
  await waitForH1(p, name)
}

describe.skipIf(Boolean(skipReason))('buyer journey', () => {
  beforeAll(async () => {
    browser = await launch({ prefix: 'buying' })
    page = browser.page
    started = performance.now()
  })

  afterAll(async () => {
    if (started) console.log(`e2e: buyer journey took ${((performance.now() - started) / 1000).toFixed(1)} s`)
    await browser?.close()
  })

  step('signs in and sees the opportunities, with none yet', async () => {
    await page.goto(`${baseURL}/buying`)
    await waitForH1(page, 'Sign in')
    await page.getByLabel('Email address').fill(staff.buyer)
    await page.getByLabel('Password', { exact: true }).fill(staffPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await waitForH1(page, 'Your opportunities')
    expect(await main(page)).toContain('There are no drafts.')
    await check(page, 'list-empty')
    await noHorizontalScroll(page, 'list-empty')
  })

  step('creates a draft with a title and a procedure', async () => {
    await page.getByRole('button', { name: 'Create an opportunity' }).click()
    await waitForH1(page, 'Create an opportunity')
    await page.getByRole('button', { name: 'Create draft' }).click()
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await page.title()).toMatch(/^Error: Create an opportunity/)
    expect(await summary.textContent()).toContain('Choose how suppliers will bid')
    await check(page, 'new-error')
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Open tender').check()
    await page.getByRole('button', { name: 'Create draft' }).click()
    await waitForH1(page, title)
    opportunityId = new URL(page.url()).pathname.split('/').pop()!
    const text = await main(page)
    expect(text).toContain('You have completed 0 of 7 tasks')
    expect(text).toContain('Cannot start yet')
    await check(page, 'task-list')
    await noHorizontalScroll(page, 'task-list')
  })

  step('about the work', async () => {
    await openTask(page, 'About the work')
    await page.getByLabel('Summary').fill('Clean the windows of 10 libraries every month, inside and out.')
    await page.getByLabel('Full description').fill('The council needs the windows of its 10 libraries cleaned monthly.\nAccess is by arrangement.')
    await check(page, 'about')
    await saveAndContinue(page, title)
    expect(await page.getByRole('link', { name: 'About the work' }).getAttribute('aria-describedby')).toBeTruthy()
    expect(await page.locator('#prepare-1-status').textContent()).toBe('Completed')
  })

  step('what you are buying: a CPV code and a lot', async () => {
    await openTask(page, 'What you are buying')
    await page.getByLabel('Search for a kind of work').fill('90911300')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.locator('.app-cpv-result', { hasText: '90911300-9' }).getByRole('button', { name: /^Add / }).click()
    await page.locator('#cpvCodes-chosen', { hasText: 'Window-cleaning services' }).waitFor()
    await page.getByRole('button', { name: 'Add a lot' }).click()
    await page.getByLabel('Title of the lot').fill('North libraries')
    await page.getByLabel('Estimated value of the lot, without VAT (optional)').fill('60,000')
    expect(await page.getByLabel('Kind of work', { exact: true }).inputValue()).toBe('90911300-9')
    await check(page, 'what')
    await noHorizontalScroll(page, 'what')
    await saveAndContinue(page, title)
  })

  step('value and length, and where', async () => {
    await openTask(page, 'Value and length')
    await page.getByLabel('Estimated value, without VAT').fill('120,000')
    await page.getByLabel('How long will the contract last?').fill('24')
    await check(page, 'value')
    await saveAndContinue(page, title)
    await page.getByRole('link', { name: 'Where the work is done', exact: true }).click()
    await page.getByLabel('Where the work is done').selectOption('E09000019')
    await check(page, 'where')
    await saveAndContinue(page, title)
  })

  step('who can bid: reserving is offered below the threshold', async () => {
    await openTask(page, 'Who can bid')
    await page.getByLabel('Small and medium-sized businesses (SMEs)', { exact: true }).check()
    await page.getByLabel('Voluntary, community and social enterprise organisations (VCSEs)', { exact: true }).check()
    expect(await page.getByLabel('Anyone can bid').isChecked()).toBe(true)
    await check(page, 'who')
    await saveAndContinue(page, title)
  })

  step('dates: told as they type that 5 days is too short for an open tender', async () => {
    await openTask(page, 'Dates')
    await fillDate(page, 'Deadline for clarification questions', 3, '12pm')
    await fillDate(page, 'Deadline for bids', 5, '12pm')
    await fillDate(page, 'Expected award date', 60)
    await page.getByText(/suppliers would get only [45] days to bid/).waitFor()
    await check(page, 'dates')
    await saveAndContinue(page, title)
  })

  step('how bids will be judged: the weights are added up as they are typed', async () => {
    await openTask(page, 'How bids will be judged')
    const weights = page.getByLabel('Weight', { exact: true })
    await weights.nth(0).fill('60')
    await weights.nth(1).fill('20')
    await weights.nth(2).fill('15')
    await page.getByText('Weights add up to 95% — they must add up to 100%').waitFor()
    await page.getByText(/Social value weighs 15%, less than 20%/).waitFor()
    await page.getByLabel('Why does social value weigh less than 20%?').waitFor()
    await check(page, 'judged-typing')
    await noHorizontalScroll(page, 'judged-typing')
    await page.getByRole('button', { name: 'Save and continue' }).click()
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toContain('Weights add up to 95% — they must add up to 100%')
    expect(await page.title()).toMatch(/^Error: How bids will be judged/)
    await check(page, 'judged-error')
    await weights.nth(2).fill('20')
    await page.getByText('Weights add up to 100%', { exact: true }).waitFor()
    expect(await page.getByLabel('Why does social value weigh less than 20%?').count()).toBe(0)
    await saveAndContinue(page, title)
  })

  step('documents: uploads the specification', async () => {
    await openTask(page, 'Documents')
    await check(page, 'documents-none')
    const pdf = Buffer.from('%PDF-1.4\n% Specification\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    await page.getByLabel('Upload a document').setInputFiles({ name: 'specification.pdf', mimeType: 'application/pdf', buffer: pdf })
    await page.getByRole('button', { name: 'Upload document' }).click()
    await page.locator('.govuk-notification-banner--success', { hasText: 'specification.pdf uploaded' }).waitFor()
    expect(await page.getByRole('table', { name: 'Documents uploaded' }).textContent()).toContain('specification.pdf')
    await check(page, 'documents')
    await page.getByRole('button', { name: 'Continue' }).click()
    await waitForH1(page, title)
    expect(await main(page)).toContain('You have completed every task')
    await check(page, 'task-list-complete')
  })

  step('check and publish: the server refuses a deadline too soon, and says where to put it right', async () => {
    await page.getByRole('link', { name: 'Check and publish' }).click()
    await waitForH1(page, 'Check your answers before publishing')
    const text = await main(page)
    expect(text).toContain('Window-cleaning services (90911300-9)')
    expect(text).toContain('Does not meet the rule')
    await page.getByLabel('Reason for a shorter time to bid').waitFor()
    await check(page, 'check')
    await noHorizontalScroll(page, 'check')
    await page.getByRole('button', { name: 'Publish opportunity' }).click()
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toMatch(/Open tender must give suppliers at least 25 days to bid/)
    expect(await page.title()).toMatch(/^Error: Check your answers before publishing/)
    await check(page, 'check-server-error')
    await summary.getByRole('link', { name: /at least 25 days/ }).click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('shortPeriodReason')
  })

  step('moves the deadline later and publishes', async () => {
    await page.getByRole('link', { name: /^Change\s*deadline for bids$/ }).click()
    await waitForH1(page, 'Dates')
    // The server's error is shown where the deadline is set, too.
    expect(await main(page)).toContain('at least 25 days')
    await fillDate(page, 'Deadline for clarification questions', 20, '12pm')
    await fillDate(page, 'Deadline for bids', 30, '5pm')
    await saveAndContinue(page, 'Check your answers before publishing')
    expect(await page.getByLabel('Reason for a shorter time to bid').count()).toBe(0)
    await page.getByRole('button', { name: 'Publish opportunity' }).click()
    await waitForH1(page, 'Opportunity published')
    expect(await page.locator('.govuk-panel').textContent()).toMatch(/FT-\d{4}-\d{6}/)
    expect(await page.getByRole('link', { name: 'See the opportunity as suppliers see it' }).getAttribute('href')).toBe(`/opportunities/${opportunityId}`)
    await check(page, 'published')
    await noHorizontalScroll(page, 'published')
  })

  step('amends the deadline with a note', async () => {
    await page.getByRole('link', { name: 'Manage this opportunity' }).click()
    await waitForH1(page, title)
    await check(page, 'overview')
    await page.getByRole('button', { name: 'Amend', exact: true }).click()
    await waitForH1(page, 'Amend this opportunity')
    await page.getByRole('button', { name: 'Publish amendment' }).click()
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toContain('Say what changed and why')
    await check(page, 'amend-error')
    await fillDate(page, 'Deadline for bids', 37, '5pm')
    await page.getByLabel('What changed and why').fill('A week longer, because of the bank holiday.')
    await check(page, 'amend')
    await page.getByRole('button', { name: 'Publish amendment' }).click()
    await waitForH1(page, title)
    await page.locator('.govuk-notification-banner--success', { hasText: 'Amendment published' }).waitFor()
    const text = await main(page)
    expect(text).toContain('Amendment 1')
    expect(text).toContain('A week longer, because of the bank holiday.')
    await check(page, 'amended')
  })

  step('cancels a second opportunity with a reason', async () => {
    // The second opportunity is made through the API, as the buyer, to keep the run short.
    const clar = london(15)
    const sub = london(20)
    const secondId = await page.evaluate(
      async (body) => {
        const csrf = document.cookie.split('; ').find((c) => c.startsWith('ft_csrf='))?.slice('ft_csrf='.length) ?? ''
        const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) }
        const created = await fetch('/api/v1/opportunities', { method: 'POST', headers, body: JSON.stringify(body) })
        if (!created.ok) throw new Error(`create: ${created.status} ${await created.text()}`)
        const { id } = (await created.json()) as { id: string }
        const published = await fetch(`/api/v1/opportunities/${id}/publish`, { method: 'POST', headers })
        if (!published.ok) throw new Error(`publish: ${published.status} ${await published.text()}`)
        return id
      },
      {
        title: `Library gutter clearing ${runId}`,
        summary: 'Clear the gutters of 10 libraries twice a year.',
        description: 'Gutters at 10 libraries.',
        procedure: 'quick_quote',
        cpvCodes: ['90911300-9'],
        estimatedValuePence: 2_000_000,
        contractMonths: 12,
        placeOfDelivery: 'E09000019',
        clarificationDeadline: `${clar.iso}T12:00`,
        submissionDeadline: `${sub.iso}T12:00`,
        expectedAwardOn: london(40).iso,
        criteria: [
          { name: 'Price', kind: 'price', weightBp: 8000 },
          { name: 'Social value', kind: 'social_value', weightBp: 2000 },
        ],
      },
    )
    await page.goto(`${baseURL}/buying/${secondId}`)
    await waitForH1(page, `Library gutter clearing ${runId}`)
    await page.getByRole('link', { name: 'Cancel this opportunity' }).click()
    await waitForH1(page, /^Are you sure you want to cancel/)
    await check(page, 'cancel')
    await page.getByRole('button', { name: 'Cancel this opportunity' }).click()
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toContain('Say why the opportunity is cancelled')
    expect(await page.title()).toMatch(/^Error: Are you sure/)
    await check(page, 'cancel-error')
    await page.getByLabel('Why are you cancelling it?').fill('The libraries are having new roofs, gutters included.')
    await page.getByRole('button', { name: 'Cancel this opportunity' }).click()
    await page.locator('.govuk-notification-banner--success', { hasText: 'cancelled' }).waitFor()
    const text = await main(page)
    expect(text).toContain('Reason for cancelling')
    expect(text).toContain('The libraries are having new roofs, gutters included.')
    await check(page, 'cancelled')

    await page.getByRole('link', { name: 'Back to your opportunities' }).click()
    await waitForH1(page, 'Your opportunities')
    await page.getByRole('table', { name: /^Published and open for bids \(\d+\)$/ }).waitFor()
    await page.getByRole('table', { name: /^Cancelled \(\d+\)$/ }).waitFor()
    await check(page, 'list')
  })
})
