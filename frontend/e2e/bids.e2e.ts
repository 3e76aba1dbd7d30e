// The sealed bid journey, in real browsers against the real server: a buyer
// sets a draft's response form (yes or no, a written answer with a word limit,
// a PDF, a price) and its opening panel of two officers in the browser, and
// publishes it with the shortest time to bid the rules allow. A supplier
// starts a bid, answers each question from the task list (the word count
// shown as they type), uploads a 30 MB PDF whose connection the test drops
// part way (the upload carries on from the last chunk the server holds), sees
// the file's size and the SHA-256 "as we received it" (the test works it out
// from the bytes it made), checks the answers and submits with the keyboard
// alone, gets the confirmation panel with the reference and receipt hash, and
// finds the bid in "Your bids" as submitted. The buyer's opening page says only
// that the bids are sealed until the deadline: no count, no bidder. Axe runs on
// every page state, each saved as a screenshot with a "bids-" prefix.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { apiCall, apiSignIn } from './api'
import { check, launch, linkFromEmail, noHorizontalScroll, type Browser } from './browser'
import { signIn, steps, tabTo, waitForH1, waitForPath } from './steps'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const mailpit = inject('mailpitURL')
const runId = inject('runId')
const staff = inject('staff')
const staffPassword = inject('staffPassword')

const title = `Park grass cutting ${runId}`
const supplier = { email: `bidder-${runId}@example.com`, name: 'Gita Green', organisation: `Greensward Grounds ${runId}`, password: 'meadow ladder copper finch' }
const questions = {
  insurance: 'Do you hold £5m public liability insurance?',
  method: 'How will you cut the grass in the 12 parks?',
  plan: 'Upload your method statement',
  price: 'Your price for the whole contract',
}
const WORD_LIMIT = 50
const methodAnswer = 'Two crews with ride-on mowers cut each park fortnightly from March to October, and weekly in May and June.'
const fileName = 'method-statement.pdf'
// 30 MiB: four tus chunks of 8 MiB (the component's CHUNK_SIZE), the last one short.
const FILE_SIZE = 30 * 1024 * 1024
const CHUNK = 8 * 1024 * 1024
// A 30 MB upload, sealed and stored in MinIO, on a busy 2-core machine: minutes, not seconds.
const UPLOAD_TIMEOUT = 300_000

let buyerBrowser: Browser
let supplierBrowser: Browser | undefined
let started = 0
let opportunityId = ''
let deadlineText = ''
let bidId = ''
let bidReference = ''
let fileDir = ''
let filePath = ''
let fileSha256 = ''

const step = steps()

async function main(p: Page): Promise<string> {
  return (await p.locator('main').textContent()) ?? ''
}

/** The London calendar date ms from now (YYYY-MM-DD), as the API takes the expected award date. */
function londonDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + ms))
}

/** addQuestion opens "Add a question" on the response form, lets fill choose its kind and details, and saves it. */
async function addQuestion(p: Page, question: string, kind: string, fill: () => Promise<void>) {
  await p.getByRole('button', { name: 'Add a question' }).click()
  await waitForH1(p, 'Add a question')
  await p.getByLabel('Question', { exact: true }).fill(question)
  await p.getByLabel(kind, { exact: true }).check()
  await fill()
  await check(p, `question-${kind.toLowerCase().replace(/\W+/g, '-')}`)
  await p.getByRole('button', { name: 'Save question' }).click()
  await waitForH1(p, 'Response form')
  await p.locator('.govuk-notification-banner--success', { hasText: 'Question added.' }).waitFor()
}

/** openQuestion follows a question's link on the bid's task list to its page. */
async function openQuestion(p: Page, number: number, question: string) {
  await p.getByRole('link', { name: `${number}. ${question}` }).click()
  await p.locator('#main-content .govuk-caption-l', { hasText: `Question ${number} of 4` }).waitFor()
}

/** showsStatus waits until a task list shows status against the task whose name contains task. */
async function showsStatus(p: Page, task: string, status: string) {
  await p.locator('.govuk-task-list__item', { hasText: task }).locator('.govuk-task-list__status').getByText(status, { exact: true }).waitFor()
}

describe.skipIf(Boolean(skipReason))('sealed bid journey', () => {
  beforeAll(async () => {
    buyerBrowser = await launch({ prefix: 'bids' })
    started = performance.now()
    // The supplier's document: a PDF by its first bytes, the rest random, so nothing in it repeats.
    fileDir = mkdtempSync(join(tmpdir(), 'fairtender-e2e-bids-'))
    filePath = join(fileDir, fileName)
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(FILE_SIZE - 9)])
    writeFileSync(filePath, bytes)
    fileSha256 = createHash('sha256').update(bytes).digest('hex')
  })

  afterAll(async () => {
    if (started) console.log(`e2e: sealed bid journey took ${((performance.now() - started) / 1000).toFixed(1)} s`)
    await supplierBrowser?.close()
    await buyerBrowser?.close()
    if (fileDir) rmSync(fileDir, { recursive: true, force: true })
  })

  step('a buyer has a draft that would take the shortest time to bid the rules allow', async () => {
    // The draft's own pages are buying.e2e.ts's journey; here the buyer starts from a draft
    // with every task done but the response form and the opening panel.
    const buyer = await apiSignIn(staff.bidsBuyer, staffPassword)
    const site = await apiCall<{ opportunityRules: { minDays: Record<string, number> } }>(buyer, 'GET', '/api/v1/site')
    const minDays = site.opportunityRules.minDays.quick_quote
    expect(minDays).toBeGreaterThan(0)
    const DAY = 86_400_000
    const draft = await apiCall<{ id: string }>(buyer, 'POST', '/api/v1/opportunities', {
      title,
      summary: 'Cut the grass in 12 parks from March to October.',
      description: 'Grass cutting in the borough’s 12 parks, with edges and clippings collected.',
      procedure: 'quick_quote',
      cpvCodes: ['77314100-5'],
      estimatedValuePence: 5_000_000,
      contractMonths: 12,
      placeOfDelivery: 'E09000019',
      reserved: 'none',
      suitableForSmes: true,
      suitableForVcses: true,
      // The minimum and two hours, so that it is still the minimum when the buyer publishes.
      submissionDeadline: new Date(Date.now() + minDays * DAY + 2 * 3_600_000).toISOString(),
      clarificationDeadline: new Date(Date.now() + (minDays - 3) * DAY).toISOString(),
      expectedAwardOn: londonDay((minDays + 30) * DAY),
      criteria: [
        { name: 'Price', kind: 'price', weightBp: 5000 },
        { name: 'Quality of the method', kind: 'quality', weightBp: 3000 },
        { name: 'Social value', kind: 'social_value', weightBp: 2000 },
      ],
    })
    opportunityId = draft.id

    const p = buyerBrowser.page
    await signIn(p, staff.bidsBuyer, staffPassword)
    await waitForPath(p, '/account')
    await p.goto(`${baseURL}/buying/${opportunityId}`)
    await waitForH1(p, title)
    for (const task of ['Response form', 'Opening panel']) await showsStatus(p, task, 'Not yet started')
    await check(p, 'draft')
  })

  step('the buyer sets the response form in the browser: yes or no, a written answer, a PDF, a price', async () => {
    const p = buyerBrowser.page
    await p.getByRole('link', { name: 'Response form', exact: true }).click()
    await waitForH1(p, 'Response form')
    expect(await main(p)).toContain('You have not added any questions yet.')
    await check(p, 'form-empty')

    // Saving without a kind is refused on the page, naming what to put right.
    await p.getByRole('button', { name: 'Add a question' }).click()
    await waitForH1(p, 'Add a question')
    await p.getByRole('button', { name: 'Save question' }).click()
    const summary = p.locator('.govuk-error-summary')
    await summary.getByRole('link', { name: 'Select what suppliers give' }).waitFor()
    expect(await p.title()).toMatch(/^Error: Add a question/)
    await check(p, 'question-errors')
    await p.getByRole('link', { name: 'Back to the response form' }).click()
    await waitForH1(p, 'Response form')

    await addQuestion(p, questions.insurance, 'Yes or no', async () => {
      expect(await p.getByRole('group', { name: 'Which answer passes?' }).getByLabel('Yes').isChecked()).toBe(true)
    })
    await addQuestion(p, questions.method, 'Written answer', async () => {
      await p.getByLabel('Word limit', { exact: true }).fill(String(WORD_LIMIT))
      await p.getByLabel('Which criterion does it score under?').selectOption('Quality of the method')
      await p.getByLabel('Its share of that criterion’s weight').fill('100')
    })
    await addQuestion(p, questions.plan, 'Upload a document', async () => {
      const types = p.getByRole('group', { name: 'Which types of file?' })
      await types.getByLabel('PDF', { exact: true }).check()
      await types.getByLabel('Word document (.docx)').uncheck()
    })
    await addQuestion(p, questions.price, 'Price', async () => {
      expect(await p.getByLabel('A price for each lot').isChecked()).toBe(true)
      await p.getByLabel('Which criterion does it score under?').selectOption('Price')
      await p.getByLabel('Its share of that criterion’s weight').fill('100')
    })
    const text = await main(p)
    for (const q of Object.values(questions)) expect(text).toContain(q)
    await check(p, 'form')
    await p.getByRole('link', { name: 'Back to the draft' }).click()
    await waitForH1(p, title)
  })

  step('the buyer names an opening panel of two officers', async () => {
    const p = buyerBrowser.page
    await p.getByRole('link', { name: 'Opening panel', exact: true }).click()
    await p.getByRole('group', { name: 'Who will open the bids?' }).waitFor()
    // One officer is not a panel: the page says how many it needs.
    await p.getByLabel('Bea Bidwell', { exact: true }).check()
    await p.getByRole('button', { name: 'Save and continue' }).click()
    await p.locator('.govuk-error-summary').getByRole('link', { name: 'Choose at least 2 officers' }).waitFor()
    expect(await p.title()).toMatch(/^Error: Opening panel/)
    await check(p, 'panel-error')
    await p.getByLabel('Otto Opener', { exact: true }).check()
    await p.getByRole('button', { name: 'Save and continue' }).click()
    await waitForH1(p, title)
    for (const task of ['Response form', 'Opening panel']) await showsStatus(p, task, 'Completed')
    await check(p, 'draft-ready')
  })

  step('the buyer publishes it with the shortest time to bid', async () => {
    const p = buyerBrowser.page
    await p.getByRole('link', { name: 'Check and publish' }).click()
    await waitForH1(p, 'Check your answers before publishing')
    // The shortest time allowed is allowed: no reason for a shorter one is asked for.
    expect(await p.getByLabel('Reason for a shorter time to bid').count()).toBe(0)
    await check(p, 'check-publish')
    await p.getByRole('button', { name: 'Publish opportunity' }).click()
    await waitForH1(p, 'Opportunity published')
    await check(p, 'published')
    const opp = await apiCall<{ status: string; submissionDeadline: { at: string; text: string } }>(
      await apiSignIn(staff.bidsBuyer, staffPassword),
      'GET',
      `/api/v1/opportunities/${opportunityId}`,
    )
    expect(opp.status).toBe('open')
    expect(Date.parse(opp.submissionDeadline.at)).toBeGreaterThan(Date.now())
    deadlineText = opp.submissionDeadline.text
    expect(deadlineText).not.toBe('')
  })

  step('a supplier registers, signs in and starts a bid from the opportunity’s page', async () => {
    const res = await fetch(`${baseURL}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organisationName: supplier.organisation, legalForm: 'sole_trader', name: supplier.name, email: supplier.email, password: supplier.password }),
    })
    expect(res.status).toBe(202)
    supplierBrowser = await launch({ prefix: 'bids', clean: false })
    const p = supplierBrowser.page
    await p.goto(await linkFromEmail(mailpit, supplier.email, /confirm your email/i, `${baseURL}/verify-email?token=`))
    await waitForH1(p, 'Email address confirmed')
    await signIn(p, supplier.email, supplier.password)
    await waitForPath(p, '/account')

    await p.goto(`${baseURL}/opportunities/${opportunityId}`)
    await waitForH1(p, title)
    const section = p.locator('#response-form')
    await section.getByText('The council asks 4 questions.').waitFor()
    for (const q of Object.values(questions)) expect(await section.textContent()).toContain(q)
    await check(p, 'opportunity')
    await section.getByRole('button', { name: 'Start a bid' }).click()
    await waitForH1(p, 'Your bid')
    bidId = new URL(p.url()).pathname.split('/')[2]
    expect(bidId).toBeTruthy()
  })

  step('the task list shows every question not started, and fits a 320 px screen', async () => {
    const p = supplierBrowser!.page
    const summary = p.locator('.govuk-summary-list')
    bidReference = ((await summary.locator('.govuk-summary-list__row', { hasText: 'Reference' }).locator('dd').textContent()) ?? '').trim()
    expect(bidReference).not.toBe('')
    expect(await summary.textContent()).toContain(supplier.organisation)
    expect(await summary.textContent()).toContain(deadlineText)
    expect(await main(p)).toContain('4 questions still need an answer.')
    for (const [i, q] of Object.values(questions).entries()) await showsStatus(p, `${i + 1}. ${q}`, 'Not started')
    await check(p, 'tasks')
    await noHorizontalScroll(p, 'tasks')
  })

  step('the supplier answers yes or no', async () => {
    const p = supplierBrowser!.page
    await openQuestion(p, 1, questions.insurance)
    await check(p, 'answer-pass-fail')
    await p.getByRole('button', { name: 'Save and continue' }).click()
    await p.locator('.govuk-error-summary').getByRole('link', { name: 'Select yes or no' }).waitFor()
    expect(await p.title()).toMatch(/^Error: /)
    await check(p, 'answer-pass-fail-error')
    await p.getByLabel('Yes', { exact: true }).check()
    await p.getByRole('button', { name: 'Save and continue' }).click()
    await waitForH1(p, 'Your bid')
    await showsStatus(p, `1. ${questions.insurance}`, 'Completed')
  })

  step('the supplier writes the answer and sees its word count against the limit', async () => {
    const p = supplierBrowser!.page
    await openQuestion(p, 2, questions.method)
    await p.getByText(`You have ${WORD_LIMIT} words remaining`).waitFor()
    const words = methodAnswer.split(/\s+/).length
    await p.getByLabel(questions.method).fill(methodAnswer)
    await p.getByText(`You have ${WORD_LIMIT - words} words remaining`).waitFor()
    await check(p, 'answer-text')
    await p.getByRole('button', { name: 'Save and continue' }).click()
    await waitForH1(p, 'Your bid')
    await showsStatus(p, `2. ${questions.method}`, 'Completed')
  })

  step(
    'the supplier uploads a 30 MB PDF; the connection drops part way and the upload carries on from where it stopped',
    async () => {
      const p = supplierBrowser!.page
      await openQuestion(p, 3, questions.plan)
      await waitForH1(p, questions.plan)
      expect(await main(p)).toContain('You have not uploaded any files for this question yet.')
      await check(p, 'upload')
      await noHorizontalScroll(p, 'upload')

      // What the browser sends and hears on the tus endpoint (creation is POST /api/v1/uploads/,
      // each chunk a PATCH to the upload's address, a resume first asks its offset with HEAD).
      const isUpload = (u: URL) => u.pathname.startsWith('/api/v1/uploads/') && u.pathname.length > '/api/v1/uploads/'.length
      const patchOffsets: number[] = []
      const headOffsets: number[] = []
      let dropped = -1
      const onRequest = (r: Request) => {
        if (r.method() === 'PATCH' && isUpload(new URL(r.url()))) patchOffsets.push(Number(r.headers()['upload-offset']))
      }
      p.on('request', onRequest)
      p.on('response', (r) => {
        if (r.request().method() === 'HEAD' && isUpload(new URL(r.url()))) headOffsets.push(Number(r.headers()['upload-offset']))
      })
      // The connection drops on the second chunk, once the server holds the first 8 MiB.
      await p.route(isUpload, async (route) => {
        const r = route.request()
        if (r.method() !== 'PATCH' || dropped >= 0 || Number(r.headers()['upload-offset']) !== CHUNK) return route.continue()
        dropped = CHUNK
        await route.abort('connectionreset')
        await p.unroute(isUpload)
      })

      await p.getByLabel('Upload a file').setInputFiles(filePath)
      await p.getByRole('button', { name: 'Upload file' }).click()
      await p.getByRole('progressbar', { name: `Upload of ${fileName}` }).waitFor()
      // The list of files shows it once the server has the whole file and has checked it.
      // Or the upload stops and says why: then the test says so at once rather than at the timeout.
      const row = p.locator('.govuk-summary-list__row', { hasText: fileName })
      const stopped = p.locator('#file-error')
      await row.or(stopped).first().waitFor({ timeout: UPLOAD_TIMEOUT })
      if (await stopped.isVisible()) throw new Error(`e2e: the upload stopped: ${await stopped.textContent()}`)
      p.off('request', onRequest)

      // One chunk was cut off, and the upload asked where it stood and went on from there, not from 0.
      expect(dropped).toBe(CHUNK)
      expect(headOffsets).toContain(CHUNK)
      expect(patchOffsets.filter((o) => o === CHUNK).length).toBeGreaterThanOrEqual(2)
      expect(patchOffsets[0]).toBe(0)
      expect(patchOffsets).not.toContain(NaN)
      expect(patchOffsets[patchOffsets.length - 1]).toBe(3 * CHUNK)
      await p.getByText('Your file has uploaded.').waitFor()

      const shown = (await row.textContent()) ?? ''
      expect(shown).toContain('30.0 MB (31,457,280 bytes)')
      expect(shown).toContain(`received`)
      expect(shown).toContain(supplier.name)
      expect(await row.locator('code').textContent()).toBe(fileSha256)
      expect(shown).toContain(`SHA-256 as we received it: ${fileSha256}`)
      await check(p, 'uploaded')
      await noHorizontalScroll(p, 'uploaded')
      // One file is all this question takes.
      expect(await main(p)).toContain('This question takes one file. To upload a different one, remove one first.')
      await p.getByRole('button', { name: 'Continue' }).click()
      await waitForH1(p, 'Your bid')
      await showsStatus(p, `3. ${questions.plan}`, 'Completed')
    },
    UPLOAD_TIMEOUT + 60_000,
  )

  step('the supplier gives a price, and the task list shows the total', async () => {
    const p = supplierBrowser!.page
    await openQuestion(p, 4, questions.price)
    await p.getByLabel('Your price', { exact: true }).fill('48,250')
    await check(p, 'answer-price')
    await p.getByRole('button', { name: 'Save and continue' }).click()
    await waitForH1(p, 'Your bid')
    await showsStatus(p, `4. ${questions.price}`, 'Completed')
    await p.getByText('You have answered every required question.', { exact: false }).waitFor()
    const total = p.locator('.govuk-summary-list__row', { hasText: 'Total price' })
    expect(await total.textContent()).toContain('£48,250')
    await check(p, 'tasks-done')
    await noHorizontalScroll(p, 'tasks-done')
  })

  step('with the keyboard only, the supplier checks the answers and submits', async () => {
    const p = supplierBrowser!.page
    await tabTo(p, 'Check your answers')
    await p.keyboard.press('Enter')
    await waitForH1(p, 'Check your answers before submitting your bid')
    const answers = p.locator('.govuk-summary-list').last()
    const text = (await answers.textContent()) ?? ''
    expect(text).toContain(`1. ${questions.insurance}Yes`)
    expect(text).toContain(`(${methodAnswer.split(/\s+/).length} words of ${WORD_LIMIT})`)
    expect(text).toContain(fileName)
    expect(text).toContain('£48,250')
    expect(await p.locator('#missing').count()).toBe(0)
    await check(p, 'check')
    await noHorizontalScroll(p, 'check')
    await tabTo(p, 'Submit your bid')
    await p.keyboard.press('Enter')
    await waitForH1(p, 'Bid submitted')
  })

  step('the confirmation panel has the reference; the receipt lists the file’s SHA-256 and the receipt hash', async () => {
    const p = supplierBrowser!.page
    const panel = p.locator('.govuk-panel--confirmation')
    expect(await panel.textContent()).toContain(bidReference)
    const hash = ((await p.getByTestId('receipt-hash').textContent()) ?? '').trim()
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    const file = p.locator('tr', { hasText: fileName })
    expect(((await file.locator('code').textContent()) ?? '').trim()).toBe(fileSha256)
    expect(await main(p)).toMatch(/We received your bid at .+ \(UK time\)/)
    // The page shows the receipt the server keeps, as the bidder could check later.
    const kept = await p.evaluate(async (id) => (await (await fetch(`/api/v1/bids/${id}/receipt`)).json()) as { receiptHash: string }, bidId)
    expect(kept.receiptHash).toBe(hash)
    await check(p, 'submitted')
    await noHorizontalScroll(p, 'submitted')
    // The receipt to print or keep says the same.
    await p.getByRole('link', { name: 'Print or save your receipt' }).click()
    await waitForH1(p, `Receipt for bid ${bidReference}`)
    expect(((await p.getByTestId('receipt-hash').textContent()) ?? '').trim()).toBe(hash)
    expect(((await p.locator('tr', { hasText: fileName }).locator('code').textContent()) ?? '').trim()).toBe(fileSha256)
    await check(p, 'receipt')
  })

  step('"Your bids" lists the bid as submitted, and its page offers its receipt', async () => {
    const p = supplierBrowser!.page
    await p.getByRole('link', { name: 'Your bids' }).first().click()
    await waitForH1(p, 'Your bids')
    const row = p.locator('tbody tr', { hasText: title })
    await row.locator('.govuk-tag', { hasText: 'Submitted' }).waitFor()
    expect(await row.textContent()).toContain(bidReference)
    await check(p, 'your-bids')
    await noHorizontalScroll(p, 'your-bids')
    // The bid's own page says it is submitted and offers the one receipt there is: no earlier ones.
    await row.getByRole('link', { name: new RegExp(title) }).click()
    await waitForH1(p, 'Your bid')
    await p.locator('.govuk-summary-list .govuk-tag', { hasText: 'Submitted' }).waitFor()
    await p.getByText('You have submitted this bid.', { exact: false }).waitFor()
    await p.getByRole('link', { name: 'See your receipt' }).waitFor()
    expect(await p.getByRole('link', { name: /Receipt for the earlier version/ }).count()).toBe(0)
    await check(p, 'tasks-submitted')
  })

  step('the buyer’s opening page says only that the bids are sealed until the deadline', async () => {
    const p = buyerBrowser.page
    await p.getByRole('link', { name: 'Manage this opportunity' }).click()
    await waitForH1(p, title)
    await check(p, 'overview')
    await p.getByRole('link', { name: 'Opening of the bids' }).click()
    await waitForH1(p, 'Open the bids')
    const text = await main(p)
    expect(text).toContain(`Bids are sealed until ${deadlineText}.`)
    expect(text).toContain('Nobody at the council can see them, or how many there are, before then.')
    expect(text).toContain('0 of 2 needed')
    // Nothing says a bid came in, who sent it or how many there are; there is no way to confirm an opening yet.
    for (const s of [supplier.organisation, bidReference, fileName]) expect(text).not.toContain(s)
    expect(text).not.toMatch(/\b\d+ bids?\b/i)
    expect(await p.getByRole('button', { name: 'Confirm the opening' }).count()).toBe(0)
    // Nor does the API behind it: the bids are not listed to the council before opening.
    const listed = await p.evaluate(async (id) => (await fetch(`/api/v1/opportunities/${id}/bids`)).status, opportunityId)
    expect(listed).toBeGreaterThanOrEqual(400)
    await check(p, 'opening-sealed')
    await noHorizontalScroll(p, 'opening-sealed')
  })
})
