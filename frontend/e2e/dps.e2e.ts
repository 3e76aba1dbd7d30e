// The dynamic purchasing system journey, in real browsers against the real
// server: a buyer sets up and publishes a dynamic market (Procurement Act
// 2023, so there is no 30-day wait before the first call) with one category,
// a yes/no question and a document question, meeting the form's errors on
// the way; a supplier signs up, finds it, applies, is refused when sending
// with the questions unanswered, answers the first, is told to choose a file
// when uploading none, uploads a small PDF for the second, sees it in check
// your answers (downloading the same bytes) and sends; the buyer finds the
// application in the assessment queue, downloads the same PDF from it, is
// refused when rejecting without reasons, and admits it; the supplier sees
// "Admitted". The buyer then makes a draft call
// for competition (through the API, with a document), links it to the
// category on the DPS page for calls, and publishes it; the supplier is
// invited in their inbox and sees the document on the opportunity, while a
// stranger sees no documents and is refused the download. Axe runs on every
// page state, each saved as a screenshot with a "dps-" prefix.
import { createHash } from 'node:crypto'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { check, launch, linkFromEmail, noHorizontalScroll, type Browser } from './browser'
import { apiCall, apiSignIn } from './api'
import { steps, waitForH1, waitForPath } from './steps'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const mailpit = inject('mailpitURL')
const runId = inject('runId')
const staff = inject('staff')
const staffPassword = inject('staffPassword')

const email = `dps-${runId}@example.com`
const password = 'lantern quarry velvet otter'
const organisation = `Dunmore Window Care ${runId}`
const dpsTitle = `Window cleaning list ${runId}`
const category = 'Window cleaning'
const question = 'Do you pay all your staff the London Living Wage?'
const docQuestion = 'Upload your health and safety policy'
const policyName = 'health-and-safety-policy.pdf'
const policy = Buffer.from(`%PDF-1.4\n% Health and safety policy ${runId}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`)
const policySum = createHash('sha256').update(policy).digest('hex')
const callTitle = `Library window cleaning ${runId}`

let buyerBrowser: Browser
let supplierBrowser: Browser | undefined
let stranger: Browser | undefined
let buyer: Page
let supplier: Page
let started = 0
let dpsId = ''
let applicationId = ''
let opportunityId = ''
let documentId = ''

async function main(p: Page): Promise<string> {
  return (await p.locator('main').textContent()) ?? ''
}

async function continueTo(p: Page, h1: string | RegExp) {
  await p.getByRole('button', { name: 'Continue', exact: true }).click()
  await waitForH1(p, h1)
}

const step = steps()

// registerSupplier signs a supplier up through the registration pages, confirms
// the email address through Mailpit and signs in, as notifications.e2e.ts does.
async function registerSupplier(p: Page, who: string, pw: string, orgName: string) {
  await p.goto(`${baseURL}/register/organisation-name`)
  await p.getByLabel('What is your organisation’s name?').fill(orgName)
  await continueTo(p, 'What type of organisation is it?')
  await p.getByLabel('Sole trader').check()
  await continueTo(p, 'What is your name?')
  await p.getByLabel('What is your name?').fill('Dara Dunmore')
  await continueTo(p, 'What is your email address?')
  await p.getByLabel('What is your email address?').fill(who)
  await continueTo(p, 'Create a password')
  await p.getByLabel('Create a password').fill(pw)
  await continueTo(p, 'Check your answers')
  await p.getByRole('button', { name: 'Create account' }).click()
  await waitForH1(p, 'Check your email')
  await p.goto(await linkFromEmail(mailpit, who, /confirm your email/i, `${baseURL}/verify-email?token=`))
  await waitForH1(p, 'Email address confirmed')
  await p.goto(`${baseURL}/sign-in`)
  await waitForH1(p, 'Sign in')
  await p.getByLabel('Email address').fill(who)
  await p.getByLabel('Password', { exact: true }).fill(pw)
  await p.getByRole('button', { name: 'Sign in' }).click()
  await waitForPath(p, '/account')
}

function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000)
}

// London's calendar date, as the date inputs take it.
function londonParts(d: Date): { day: string; month: string; year: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  )
  return { day: p.day, month: p.month, year: p.year }
}

async function fillDate(p: Page, id: string, d: Date) {
  const parts = londonParts(d)
  await p.locator(`#${id}-day`).fill(parts.day)
  await p.locator(`#${id}-month`).fill(parts.month)
  await p.locator(`#${id}-year`).fill(parts.year)
}

describe.skipIf(Boolean(skipReason))('dynamic purchasing system journey', () => {
  beforeAll(async () => {
    buyerBrowser = await launch({ prefix: 'dps' })
    buyer = buyerBrowser.page
    started = performance.now()
  })

  afterAll(async () => {
    if (started) console.log(`e2e: DPS journey took ${((performance.now() - started) / 1000).toFixed(1)} s`)
    await stranger?.close()
    await supplierBrowser?.close()
    await buyerBrowser?.close()
  })

  step('a buyer signs in and opens the form to set up a supplier list, meeting its errors', async () => {
    await buyer.goto(`${baseURL}/dps`)
    await waitForH1(buyer, 'Join a supplier list')
    await buyer.goto(`${baseURL}/dps/new`)
    await waitForH1(buyer, 'Sign in')
    await buyer.getByLabel('Email address').fill(staff.dpsBuyer)
    await buyer.getByLabel('Password', { exact: true }).fill(staffPassword)
    await buyer.getByRole('button', { name: 'Sign in' }).click()
    await waitForH1(buyer, 'Set up a supplier list')
    await check(buyer, 'new')
    await noHorizontalScroll(buyer, 'new')

    await buyer.getByRole('button', { name: 'Save and continue' }).click()
    const summary = buyer.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await buyer.title()).toMatch(/^Error: Set up a supplier list/)
    const text = (await summary.textContent()) ?? ''
    expect(text).toContain('Enter a title')
    expect(text).toContain('Choose at least one kind of work for category 1')
    await check(buyer, 'new-errors')
    await summary.getByRole('link', { name: 'Enter a title' }).press('Enter')
    expect(await buyer.evaluate(() => document.activeElement?.id)).toBe('title')
  })

  step('sets up a dynamic market with one category, a yes/no question and a document question, checks it and publishes it', async () => {
    await buyer.getByLabel('Title').fill(dpsTitle)
    await buyer.getByLabel('What it buys').fill('Cleaning the windows of council buildings: libraries, leisure centres and offices.')
    await buyer.getByLabel('Dynamic market (Procurement Act 2023)').check()
    await fillDate(buyer, 'startsOn', new Date())
    await fillDate(buyer, 'endsOn', daysFromNow(365))
    await buyer.locator('#categories-0-name').fill(category)
    await buyer.locator('#categories-0-cpvCodes').fill('90911300')
    await buyer.keyboard.press('Enter')
    await buyer.locator('.app-cpv-result', { hasText: '90911300-9' }).getByRole('button', { name: /^Add / }).click()
    await buyer.locator('#categories-0-cpvCodes-chosen', { hasText: '90911300-9' }).waitFor()
    await buyer.getByRole('button', { name: 'Add a question' }).click()
    await buyer.getByRole('group', { name: 'Question 1' }).getByLabel('Yes or no').check()
    await buyer.locator('#questions-0-text').fill(question)
    await buyer.getByRole('button', { name: 'Add another question' }).click()
    await buyer.getByRole('group', { name: 'Question 2' }).getByLabel('A document').check()
    await buyer.locator('#questions-1-text').fill(docQuestion)
    await buyer.getByRole('button', { name: 'Save and continue' }).click()

    await waitForH1(buyer, 'Check your supplier list before publishing')
    dpsId = new URL(buyer.url()).pathname.split('/')[2]
    const text = await main(buyer)
    expect(text).toContain('Dynamic market (Procurement Act 2023)')
    expect(text).toContain(question)
    expect(text).toContain(docQuestion)
    expect(text).toContain('There are no fees for suppliers.')
    await check(buyer, 'check-and-publish')
    await buyer.getByRole('button', { name: 'Publish' }).click()
    await waitForPath(buyer, `/dps/${dpsId}`)
    await buyer.locator('.govuk-notification-banner--success', { hasText: 'Published. Suppliers can now apply to join.' }).waitFor()
    expect(await buyer.locator('.govuk-tag', { hasText: 'Open' }).count()).toBe(1)
    await check(buyer, 'published')
  })

  step('a supplier signs up, finds the list and reads how to join', async () => {
    supplierBrowser = await launch({ prefix: 'dps', clean: false })
    supplier = supplierBrowser.page
    await registerSupplier(supplier, email, password, organisation)
    await supplier.goto(`${baseURL}/dps`)
    await waitForH1(supplier, 'Join a supplier list')
    await check(supplier, 'list')
    await noHorizontalScroll(supplier, 'list')
    await supplier.getByRole('link', { name: dpsTitle }).click()
    await waitForH1(supplier, dpsTitle)
    const text = await main(supplier)
    expect(text).toContain('We decide within 10 working days of getting your application.')
    expect(text).toContain('No suppliers yet')
    await check(supplier, 'dps-page')
    await noHorizontalScroll(supplier, 'dps-page')
  })

  step('applies for the category and sees the questions as a task list', async () => {
    await supplier.getByRole('button', { name: 'Apply to join' }).click()
    await waitForH1(supplier, 'Which categories do you want to join?')
    await supplier.getByRole('button', { name: 'Continue' }).click()
    await supplier.locator('.govuk-error-summary', { hasText: 'Choose at least one category to join' }).waitFor()
    await check(supplier, 'apply-error')
    await supplier.getByLabel(category).check()
    await supplier.getByRole('button', { name: 'Continue' }).click()
    await waitForH1(supplier, `Apply to join ${dpsTitle}`)
    applicationId = new URL(supplier.url()).pathname.split('/')[2]
    expect(await main(supplier)).toContain('You have answered 0 of 2 questions.')
    await check(supplier, 'application-tasks')
    await noHorizontalScroll(supplier, 'application-tasks')
  })

  step('sending with the questions unanswered is refused, with a link to each question', async () => {
    await supplier.goto(`${baseURL}/dps-applications/${applicationId}/check`)
    await waitForH1(supplier, 'Check your answers before sending your application')
    expect(await main(supplier)).toContain('Not answered')
    await supplier.getByRole('button', { name: 'Send application' }).click()
    const summary = supplier.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await supplier.title()).toMatch(/^Error: Check your answers/)
    expect(await summary.textContent()).toContain(question)
    expect(await summary.textContent()).toContain(`Upload a file to answer the question: ${docQuestion}`)
    await check(supplier, 'check-answers-error')
    await summary.getByRole('link', { name: new RegExp(question.replace(/[?]/g, '\\?')) }).click()
    await waitForH1(supplier, question)
  })

  step('answers the yes/no question', async () => {
    await check(supplier, 'question')
    await noHorizontalScroll(supplier, 'question')
    await supplier.getByLabel('Yes', { exact: true }).check()
    await supplier.getByRole('button', { name: 'Save and continue' }).click()
    await waitForH1(supplier, 'Check your answers before sending your application')
    expect(await main(supplier)).toContain('Not answered')
  })

  step('is told to choose a file when uploading none, then uploads a PDF for the document question', async () => {
    await supplier.getByRole('link', { name: new RegExp(`^Change\\s*your answer to ‘${docQuestion}’$`) }).click()
    await waitForH1(supplier, docQuestion)
    const input = supplier.getByLabel('Upload a file')
    expect(await supplier.locator('#file-hint').textContent()).toMatch(/PDF, Word, Excel.*smaller than \d+ MB\./)
    await check(supplier, 'document-question')
    await noHorizontalScroll(supplier, 'document-question')

    await supplier.getByRole('button', { name: 'Upload file' }).click()
    const summary = supplier.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await supplier.title()).toMatch(/^Error: /)
    expect(await summary.textContent()).toContain('Select a file to upload')
    expect(await supplier.locator('#file-error').textContent()).toContain('Select a file to upload')
    await check(supplier, 'document-question-error')
    await summary.getByRole('link', { name: 'Select a file to upload' }).press('Enter')
    expect(await supplier.evaluate(() => document.activeElement?.id)).toBe('file')

    await input.setInputFiles({ name: policyName, mimeType: 'application/pdf', buffer: policy })
    await supplier.getByRole('button', { name: 'Upload file' }).click()
    await supplier.locator('.govuk-notification-banner--success', { hasText: `${policyName} uploaded` }).waitFor()
    expect(await supplier.locator('.govuk-error-summary').count()).toBe(0)
    const uploaded = supplier.locator('.govuk-summary-list__row', { hasText: 'Your file' })
    await uploaded.getByRole('link', { name: policyName }).waitFor()
    expect(await uploaded.textContent()).toContain(`(${policy.length} bytes)`)
    await supplier.getByRole('button', { name: /^Replace/ }).waitFor()
    await check(supplier, 'document-uploaded')
    await noHorizontalScroll(supplier, 'document-uploaded')
  })

  step('sees the file in check your answers, downloads the same bytes, and sends the application', async () => {
    await supplier.getByRole('button', { name: 'Continue', exact: true }).click()
    await waitForH1(supplier, 'Check your answers before sending your application')
    expect(await main(supplier)).not.toContain('Not answered')
    const link = supplier.getByRole('link', { name: policyName })
    const res = await supplier.request.get(`${baseURL}${await link.getAttribute('href')}`)
    expect(res.status()).toBe(200)
    expect(Buffer.compare(await res.body(), policy)).toBe(0)
    expect(res.headers()['x-checksum-sha256']).toBe(policySum)
    await check(supplier, 'check-answers')
    await supplier.getByRole('button', { name: 'Send application' }).click()
    await waitForH1(supplier, 'Application sent')
    expect(await main(supplier)).toMatch(/We will decide by (Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} \w+ \d{4}\./)
    await check(supplier, 'sent')

    await supplier.getByRole('link', { name: 'All your applications' }).click()
    await waitForH1(supplier, 'Your applications to supplier lists')
    expect(await main(supplier)).toContain('Waiting for a decision')
    await check(supplier, 'my-applications')
  })

  step('the buyer finds it in the assessment queue', async () => {
    await buyer.goto(`${baseURL}/dps/queue`)
    await waitForH1(buyer, 'Applications waiting for a decision')
    const row = buyer.locator('tr', { hasText: organisation })
    expect(await row.textContent()).toContain('10 working days left')
    await check(buyer, 'queue')
    await noHorizontalScroll(buyer, 'queue')
    await row.getByRole('link', { name: organisation }).click()
    await waitForH1(buyer, organisation)
    expect(await main(buyer)).toContain(question)
    expect(await main(buyer)).toContain(docQuestion)
    const href = await buyer.getByRole('link', { name: policyName }).getAttribute('href')
    const res = await buyer.request.get(`${baseURL}${href}`)
    expect(res.status()).toBe(200)
    expect(Buffer.compare(await res.body(), policy)).toBe(0)
    expect(res.headers()['x-checksum-sha256']).toBe(policySum)
    expect(res.headers()['content-disposition']).toContain(`attachment; filename=${policyName}`)
    // Nobody signed in may download it.
    expect((await fetch(`${baseURL}${href}`)).status).toBe(401)
    await check(buyer, 'assess')
  })

  step('rejecting without reasons is refused, a refusal is checked before it is sent; admitting is recorded', async () => {
    const group = buyer.getByRole('group', { name: `Admit to ‘${category}’?` })
    await group.getByLabel('Do not admit').check()
    await buyer.getByLabel('Why not?').waitFor()
    await buyer.getByRole('button', { name: 'Record decision' }).click()
    const summary = buyer.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toContain('Give the reasons for not admitting the supplier')
    expect(await buyer.title()).toMatch(/^Error: /)
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#decisions-0-reason')
    await check(buyer, 'reject-without-reason')

    // With reasons, a refusal is checked before the supplier is told; the buyer thinks again.
    await buyer.getByLabel('Why not?').fill('No evidence of enhanced DBS checks.')
    await buyer.getByRole('button', { name: 'Record decision' }).click()
    await buyer.getByRole('heading', { name: 'Check your decision before the supplier is told' }).waitFor()
    expect(await buyer.getByTestId('check-decision').textContent()).toContain('No evidence of enhanced DBS checks.')
    await check(buyer, 'check-refusal')
    await buyer.getByRole('button', { name: 'Change the decision' }).click()

    await group.getByLabel('Admit', { exact: true }).check()
    await buyer.getByRole('button', { name: 'Record decision' }).click()
    await buyer.locator('.govuk-notification-banner--success', { hasText: `Decision recorded. We have told ${organisation}.` }).waitFor()
    expect(await buyer.locator('.govuk-tag', { hasText: 'Admitted' }).count()).toBe(1)
    await check(buyer, 'admitted')
    await noHorizontalScroll(buyer, 'admitted')
  })

  step('the supplier sees that they are admitted', async () => {
    await supplier.goto(`${baseURL}/dps-applications/${applicationId}`)
    await waitForH1(supplier, `Your application to ${dpsTitle}`)
    expect(await supplier.locator('.govuk-tag', { hasText: 'Admitted' }).count()).toBe(1)
    await check(supplier, 'supplier-admitted')
  })

  step('the buyer makes a draft call for competition with a document and links it to the category', async () => {
    const session = await apiSignIn(staff.dpsBuyer, staffPassword)
    const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    const draft = await apiCall<{ id: string }>(session, 'POST', '/api/v1/opportunities', {
      title: callTitle,
      summary: 'Cleaning the windows of four libraries every month.',
      description: 'Inside and outside, with cradles where needed, for two years.',
      procedure: 'dps_call',
      cpvCodes: ['90911300-9'],
      estimatedValuePence: 3_000_000,
      contractMonths: 24,
      placeOfDelivery: 'E09000019',
      reserved: 'none',
      suitableForSmes: true,
      suitableForVcses: true,
      submissionDeadline: daysFromNow(20).toISOString(),
      clarificationDeadline: daysFromNow(12).toISOString(),
      expectedAwardOn: london.format(daysFromNow(40)),
      criteria: [
        { name: 'Price', kind: 'price', weightBp: 4000 },
        { name: 'Quality', kind: 'quality', weightBp: 4000 },
        { name: 'Local jobs', kind: 'social_value', weightBp: 2000 },
      ],
    })
    opportunityId = draft.id
    const pdf = new Blob(['%PDF-1.4\n% Library windows\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'])
    const doc = await apiCall<{ id: string }>(session, 'POST', `/api/v1/opportunity-uploads/${opportunityId}?filename=library-windows.pdf`, pdf, 'application/pdf')
    documentId = doc.id

    await buyer.goto(`${baseURL}/buying/${opportunityId}`)
    await waitForH1(buyer, callTitle)
    await buyer.getByRole('link', { name: 'Choose the DPS and categories' }).click()
    await waitForH1(buyer, 'Choose the DPS and categories')
    await check(buyer, 'call')
    await buyer.getByRole('radio', { name: dpsTitle }).check()
    await buyer.getByRole('checkbox', { name: category, exact: true }).check()
    await buyer.getByRole('button', { name: 'Save', exact: true }).click()
    await buyer.locator('.govuk-notification-banner--success', { hasText: `only suppliers admitted to ${category} will be invited` }).waitFor()
    // Someone is admitted, so there is nothing to warn about.
    expect(await buyer.locator('.govuk-warning-text').count()).toBe(0)
    await check(buyer, 'call-saved')
    await noHorizontalScroll(buyer, 'call-saved')

    const published = await apiCall<{ status: string }>(session, 'POST', `/api/v1/opportunities/${opportunityId}/publish`)
    expect(published.status).toBe('open')
  })

  step('the supplier is invited in their inbox, and sees the call’s document', async () => {
    const invitation = `You are invited to bid: ${callTitle}`
    const deadline = Date.now() + 60_000
    await supplier.goto(`${baseURL}/inbox`)
    while ((await supplier.getByRole('link', { name: invitation }).count()) === 0) {
      if (Date.now() > deadline) throw new Error(`e2e: no "${invitation}" in the inbox within 60s:\n${await main(supplier)}`)
      await new Promise((r) => setTimeout(r, 1000))
      await supplier.reload()
      await waitForH1(supplier, /^Inbox/)
    }
    await check(supplier, 'inbox-invited')
    await supplier.getByRole('link', { name: invitation }).click()
    await waitForPath(supplier, `/opportunities/${opportunityId}`)
    await waitForH1(supplier, callTitle)
    await supplier.getByRole('link', { name: /library-windows\.pdf/ }).waitFor()
    await check(supplier, 'opportunity-member')
  })

  step('a stranger sees no documents on the call, and cannot download them', async () => {
    stranger = await launch({ prefix: 'dps', clean: false })
    const p = stranger.page
    await p.goto(`${baseURL}/opportunities/${opportunityId}`)
    await waitForH1(p, callTitle)
    expect(await main(p)).not.toContain('library-windows.pdf')
    await check(p, 'opportunity-stranger')
    const res = await fetch(`${baseURL}/api/v1/opportunities/${opportunityId}/documents/${documentId}`)
    expect(res.status).toBe(403)
  })
})
