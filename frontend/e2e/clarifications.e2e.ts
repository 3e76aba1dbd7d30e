// The clarification questions journey, in real browsers against the real
// server: a supplier asks a question that names their organisation, with the
// keyboard only, and meets the form's errors on the way; a buyer opens the
// queue, sees who asked, edits the name out of the question, checks exactly
// what everyone will see and publishes; a second supplier who registered
// interest gets the email (Mailpit) and the inbox notice; and the public
// opportunity page, signed out, shows the answer without the asker; then the
// buyer publishes a clarification nobody asked for, seen as answer 2. Last, the
// asker asks about joining a DPS from its page; the buyer answers it from the
// same queue, the rival who applied is told, and the DPS's page shows the
// answer without the asker. Axe runs
// on every page state, each saved as a screenshot with a "clarifications-" prefix.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { apiCall, apiSignIn } from './api'
import { check, launch, linkFromEmail, noHorizontalScroll, type Browser } from './browser'
import { signIn, steps, waitForH1, waitForPath } from './steps'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const mailpit = inject('mailpitURL')
const runId = inject('runId')
const staff = inject('staff')
const staffPassword = inject('staffPassword')

const password = 'lantern quarry bramble tide'
const asker = { email: `asker-${runId}@example.com`, name: 'Cara Green', organisation: `Camden Green Cleaning ${runId}` }
const rival = { email: `rival-${runId}@example.com`, name: 'Ravi Rival', organisation: `Rival Sweeping ${runId}` }
const title = `Library cleaning ${runId}`
const asked = `We at ${asker.organisation} hold £5m public liability cover. Is that enough, or must it be £10m?`
const published = 'Is £5m public liability cover enough, or must it be £10m?'
const answerText = 'Cover of £5m is enough for this contract.'

let askerBrowser: Browser
let rivalBrowser: Browser | undefined
let buyerBrowser: Browser | undefined
let stranger: Browser | undefined
let page: Page
let started = 0
let opportunityId = ''
let dpsId = ''
const dpsTitle = `Home care ${runId}`

const step = steps()

async function main(p: Page): Promise<string> {
  return (await p.locator('main').textContent()) ?? ''
}

async function continueTo(p: Page, h1: string | RegExp) {
  await p.getByRole('button', { name: 'Continue', exact: true }).click()
  await waitForH1(p, h1)
}

// registerSupplier signs a supplier up through the registration pages, confirms
// the email address through Mailpit and signs in, as supplier.e2e.ts does.
async function registerSupplier(p: Page, who: { email: string; name: string; organisation: string }) {
  await p.goto(`${baseURL}/register/organisation-name`)
  await p.getByLabel('What is your organisation’s name?').fill(who.organisation)
  await continueTo(p, 'What type of organisation is it?')
  await p.getByLabel('Sole trader').check()
  await continueTo(p, 'What is your name?')
  await p.getByLabel('What is your name?').fill(who.name)
  await continueTo(p, 'What is your email address?')
  await p.getByLabel('What is your email address?').fill(who.email)
  await continueTo(p, 'Create a password')
  await p.getByLabel('Create a password').fill(password)
  await continueTo(p, 'Check your answers')
  await p.getByRole('button', { name: 'Create account' }).click()
  await waitForH1(p, 'Check your email')
  await p.goto(await linkFromEmail(mailpit, who.email, /confirm your email/i, `${baseURL}/verify-email?token=`))
  await waitForH1(p, 'Email address confirmed')
  await signIn(p, who.email, password)
  await waitForPath(p, '/account')
}

function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000)
}

interface MailpitSummary {
  ID: string
  Subject: string
}

// waitForEmail polls Mailpit until an email to `to` has a subject matching, and returns its ID.
async function waitForEmail(to: string, subject: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let seen = 'none'
  while (Date.now() < deadline) {
    const res = await fetch(`${mailpit}/api/v1/search?query=${encodeURIComponent(`to:"${to}"`)}`)
    if (res.ok) {
      const { messages = [] } = (await res.json()) as { messages?: MailpitSummary[] }
      seen = messages.map((m) => m.Subject).join(', ') || 'none'
      const found = messages.find((m) => subject.test(m.Subject))
      if (found) return found.ID
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`e2e: no email matching ${subject} to ${to} within ${timeoutMs / 1000}s (subjects seen: ${seen})`)
}

describe.skipIf(Boolean(skipReason))('clarification questions journey', () => {
  beforeAll(async () => {
    askerBrowser = await launch({ prefix: 'clarifications' })
    page = askerBrowser.page
    started = performance.now()
  })

  afterAll(async () => {
    if (started) console.log(`e2e: clarifications journey took ${((performance.now() - started) / 1000).toFixed(1)} s`)
    await stranger?.close()
    await buyerBrowser?.close()
    await rivalBrowser?.close()
    await askerBrowser?.close()
  })

  step('a buyer publishes an opportunity open to questions for 20 days', async () => {
    const buyer = await apiSignIn(staff.clarificationsBuyer, staffPassword)
    const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    const draft = await apiCall<{ id: string }>(buyer, 'POST', '/api/v1/opportunities', {
      title,
      summary: 'The council wants a contractor to clean its three libraries every evening.',
      description: 'Cleaning floors, toilets and reading rooms after closing time.',
      procedure: 'open_tender',
      cpvCodes: ['90910000-9'],
      estimatedValuePence: 6_000_000,
      contractMonths: 24,
      placeOfDelivery: 'E09000019',
      reserved: 'none',
      suitableForSmes: true,
      suitableForVcses: true,
      submissionDeadline: daysFromNow(30).toISOString(),
      clarificationDeadline: daysFromNow(20).toISOString(),
      expectedAwardOn: london.format(daysFromNow(60)),
      criteria: [
        { name: 'Price', kind: 'price', weightBp: 4000 },
        { name: 'Quality of the cleaning plan', kind: 'quality', weightBp: 4000 },
        { name: 'Local jobs and the environment', kind: 'social_value', weightBp: 2000 },
      ],
    })
    const opened = await apiCall<{ id: string; status: string }>(buyer, 'POST', `/api/v1/opportunities/${draft.id}/publish`)
    expect(opened.status).toBe('open')
    opportunityId = opened.id
  })

  step('a second supplier signs up and registers interest in it', async () => {
    rivalBrowser = await launch({ prefix: 'clarifications', clean: false })
    const p = rivalBrowser.page
    await registerSupplier(p, rival)
    await p.goto(`${baseURL}/opportunities/${opportunityId}`)
    await waitForH1(p, title)
    await p.getByRole('button', { name: 'Register interest' }).click()
    await p.getByRole('button', { name: 'Stop updates about this' }).waitFor()
  })

  step('signed out, the opportunity’s page has "Questions and answers" and asks to sign in to ask', async () => {
    stranger = await launch({ prefix: 'clarifications', clean: false })
    const p = stranger.page
    await p.goto(`${baseURL}/opportunities/${opportunityId}#questions`)
    await waitForH1(p, title)
    const section = p.locator('#questions')
    await section.getByText('The council has not published any answers yet.').waitFor()
    await section.getByRole('link', { name: 'Sign in to ask a question' }).waitFor()
    await check(p, 'questions-signed-out')
  })

  step('the asker signs up, and opens the ask page from the opportunity with the keyboard', async () => {
    await registerSupplier(page, asker)
    await page.goto(`${baseURL}/opportunities/${opportunityId}`)
    await waitForH1(page, title)
    const ask = page.getByRole('button', { name: 'Ask a question' })
    await ask.waitFor()
    await check(page, 'questions-supplier')
    await ask.focus()
    await page.keyboard.press('Enter')
    await waitForH1(page, 'Ask a question')
    await check(page, 'ask')
    await noHorizontalScroll(page, 'ask')
  })

  step('sending nothing shows the errors against the fields; the summary takes the keyboard there', async () => {
    await page.getByRole('button', { name: 'Send question' }).focus()
    await page.keyboard.press('Enter')
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await page.title()).toMatch(/^Error: Ask a question/)
    expect(await summary.textContent()).toContain('Enter your question')
    await check(page, 'ask-errors')
    await summary.getByRole('link', { name: 'Enter what your question is about' }).press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('subject')
  })

  step('with the keyboard only, the supplier writes the question, opens and closes the private reason, and sends it', async () => {
    await page.keyboard.type('Insurance cover')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question')
    await page.keyboard.type(asked)
    await page.getByText(/You have [\d,]+ characters remaining/).waitFor()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answerPrivately')
    await page.keyboard.press('Space')
    await page.getByLabel('Why should only you get the answer?').waitFor({ state: 'visible' })
    await check(page, 'ask-private-reveal')
    await page.keyboard.press('Space')
    await page.getByLabel('Why should only you get the answer?').waitFor({ state: 'hidden' })
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await waitForH1(page, 'Question sent')
    const text = await main(page)
    expect(text).toMatch(/Your reference\s*Q-[A-Z0-9]{6}/)
    expect(text).toMatch(/The council aims to answer by .+ \d{4}\./)
    await check(page, 'ask-sent')
  })

  step('"Your questions" shows it waiting for an answer', async () => {
    await page.getByRole('link', { name: 'See your questions' }).click()
    await waitForH1(page, 'Your questions')
    const row = page.locator('tbody tr', { hasText: 'Insurance cover' })
    await row.locator('.govuk-tag', { hasText: 'Waiting for an answer' }).waitFor()
    await check(page, 'your-questions-waiting')
    await noHorizontalScroll(page, 'your-questions-waiting')
  })

  step('the buyer opens the queue and the question, and sees who asked', async () => {
    buyerBrowser = await launch({ prefix: 'clarifications', clean: false })
    const p = buyerBrowser.page
    await signIn(p, staff.clarificationsBuyer, staffPassword)
    await p.waitForURL((u) => !u.pathname.startsWith('/sign-in'))
    await p.getByRole('link', { name: 'Questions to answer' }).click()
    await waitForH1(p, 'Questions to answer')
    const row = p.locator('tbody tr', { hasText: title })
    expect(await row.textContent()).toMatch(/\d+ days to answer/)
    await check(p, 'queue')
    await noHorizontalScroll(p, 'queue')
    await row.getByRole('link', { name: 'Insurance cover' }).click()
    await waitForH1(p, 'Insurance cover')
    expect(await main(p)).toContain(asker.organisation)
    await check(p, 'question')
  })

  step('the buyer edits the organisation out, checks what everyone will see, and publishes', async () => {
    const p = buyerBrowser!.page
    await p.getByLabel('Publish an answer to everyone').check()
    const edited = p.getByLabel('The question as everyone will read it')
    expect(await edited.inputValue()).toBe(asked)
    await edited.fill(published)
    await p.getByLabel('Your answer').fill(answerText)
    // The buyer attaches the insurance schedule, a PDF, to the answer.
    const pdf = Buffer.from('%PDF-1.4\n% Insurance schedule\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    await p.getByLabel('Attach a document (optional)').setInputFiles({ name: 'insurance-schedule.pdf', mimeType: 'application/pdf', buffer: pdf })
    await p.getByRole('button', { name: 'Attach file' }).click()
    await p.getByText('insurance-schedule.pdf (', { exact: false }).waitFor()
    await check(p, 'question-publish')
    await p.getByRole('button', { name: 'Continue' }).click()
    await waitForH1(p, 'Check your answer before publishing it')
    const shown = p.getByRole('region', { name: 'What everyone will see' })
    await shown.getByRole('link', { name: 'insurance-schedule.pdf' }).waitFor()
    const text = (await shown.textContent()) ?? ''
    expect(text).toContain('Answer 1: Insurance cover')
    expect(text).toContain(published)
    expect(text).not.toContain(asker.organisation)
    await check(p, 'question-check')
    await p.getByRole('button', { name: 'Publish answer' }).click()
    await waitForH1(p, 'Questions to answer')
    await p.locator('.govuk-notification-banner--success', { hasText: 'Answer 1 published to everyone' }).waitFor()
    await check(p, 'queue-published')
  })

  step('the second supplier gets the email and the inbox notice, naming no asker', async () => {
    const id = await waitForEmail(rival.email, /answer/i, 60_000)
    const msg = (await (await fetch(`${mailpit}/api/v1/message/${id}`)).json()) as { Subject?: string; Text?: string; HTML?: string }
    const all = `${msg.Subject} ${msg.Text} ${msg.HTML}`
    expect(all).toContain(title)
    for (const s of [asker.organisation, asker.name, asker.email]) expect(all).not.toContain(s)
    const p = rivalBrowser!.page
    await p.goto(`${baseURL}/inbox`)
    await waitForH1(p, /^Inbox/)
    const item = p.locator('#main-content li', { hasText: `New answer to a question on ${title}` })
    await item.waitFor()
    expect(await item.textContent()).not.toContain(asker.organisation)
    await check(p, 'inbox-answer')
  })

  step('signed out, the opportunity’s page shows the answer without the asker', async () => {
    const p = stranger!.page
    // The same address as before: going to it only moves to the anchor, so load it afresh.
    await p.goto(`${baseURL}/opportunities/${opportunityId}#questions`)
    await p.reload()
    await waitForH1(p, title)
    const section = p.locator('#questions')
    await section.getByRole('heading', { name: 'Answer 1: Insurance cover' }).waitFor()
    const text = (await section.textContent()) ?? ''
    expect(text).toContain(published)
    expect(text).toContain(answerText)
    // The attached PDF is listed with the answer, and anyone can download it as it was uploaded.
    const link = section.getByRole('link', { name: 'insurance-schedule.pdf' })
    const href = (await link.getAttribute('href')) ?? ''
    const download = await fetch(new URL(href, baseURL))
    expect(download.status).toBe(200)
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(20)
    const html = await p.content()
    for (const s of [asker.organisation, 'Camden Green', asker.name, asker.email]) expect(html).not.toContain(s)
    await check(p, 'questions-answered')
    await noHorizontalScroll(p, 'questions-answered')
  })

  step('the asker sees their question answered to everyone', async () => {
    await page.goto(`${baseURL}/supplier/questions`)
    await waitForH1(page, 'Your questions')
    const row = page.locator('tbody tr', { hasText: 'Insurance cover' })
    await row.locator('.govuk-tag', { hasText: 'Answered to everyone' }).waitFor()
    expect(await row.textContent()).toContain(answerText)
    await check(page, 'your-questions-answered')
  })

  step('from the opportunity’s page the buyer publishes a clarification nobody asked for; everyone sees it as answer 2', async () => {
    const p = buyerBrowser!.page
    await p.goto(`${baseURL}/buying/${opportunityId}`)
    await waitForH1(p, title)
    await p.getByRole('link', { name: /^Questions and answers: \d+ waiting$/ }).waitFor()
    await p.getByRole('link', { name: 'Publish a clarification' }).click()
    await waitForH1(p, 'Publish a clarification')
    await p.getByLabel('What is it about?').fill('Site visit')
    await p.getByLabel('The clarification', { exact: true }).fill('The site visit is on 3 July at 10am.')
    await check(p, 'clarify')
    await p.getByRole('button', { name: 'Continue' }).click()
    await waitForH1(p, 'Check your answer before publishing it')
    expect(await p.getByRole('region', { name: 'What everyone will see' }).textContent()).toContain('Answer 2: Site visit')
    await check(p, 'clarify-check')
    await p.getByRole('button', { name: 'Publish answer' }).click()
    await waitForH1(p, title)
    await p.locator('.govuk-notification-banner--success', { hasText: 'Clarification published to everyone as answer 2' }).waitFor()
    // Nothing is late on this opportunity: the page says so, and is checked too.
    await p.goto(`${baseURL}/buying/${opportunityId}/late-answers`)
    await waitForH1(p, 'Questions not answered in time')
    expect(await main(p)).toContain('No question on this opportunity is late.')
    await check(p, 'late-answers-none')
    const s = stranger!.page
    await s.goto(`${baseURL}/opportunities/${opportunityId}#questions`)
    await s.reload()
    await waitForH1(s, title)
    await s.locator('#questions').getByRole('heading', { name: 'Answer 2: Site visit' }).waitFor()
  })

  step('on a DPS’s page the asker asks about joining it, with the same ask page', async () => {
    const buyer = await apiSignIn(staff.clarificationsBuyer, staffPassword)
    const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    const draft = await apiCall<{ id: string }>(buyer, 'POST', '/api/v1/dps', {
      title: dpsTitle,
      description: 'Care at home for adults in the borough.',
      regime: 'pcr2015',
      startsOn: london.format(daysFromNow(-1)),
      endsOn: london.format(daysFromNow(700)),
      categories: [{ name: 'Home care', cpvCodes: ['85000000-9'] }],
    })
    const d = await apiCall<{ id: string; categories: { id: string }[] }>(buyer, 'POST', `/api/v1/dps/${draft.id}/publish`)
    dpsId = d.id
    // The rival applies to join, so hears of answers about it.
    const rivalApi = await apiSignIn(rival.email, password)
    await apiCall(rivalApi, 'POST', `/api/v1/dps/${dpsId}/applications`, { categoryIds: [d.categories[0].id] })

    await page.goto(`${baseURL}/dps/${dpsId}`)
    await waitForH1(page, dpsTitle)
    const section = page.locator('#questions')
    await section.getByText('The council has not published any answers yet.').waitFor()
    await check(page, 'dps-questions')
    await section.getByRole('button', { name: 'Ask a question' }).click()
    await waitForH1(page, 'Ask a question')
    expect(await main(page)).toContain(dpsTitle)
    await page.getByLabel('Subject').fill('Insurance to join')
    await page.getByLabel('Your question').fill(`${asker.organisation} has £2m cover: is that enough to join?`)
    await check(page, 'dps-ask')
    await page.getByRole('button', { name: 'Send question' }).click()
    await waitForH1(page, 'Question sent')
    await page.getByRole('link', { name: `Back to ${dpsTitle}` }).waitFor()
    await check(page, 'dps-sent')
  })

  step('the buyer sees it in the one queue with the DPS named, and publishes an answer everyone sees on the DPS', async () => {
    const p = buyerBrowser!.page
    await p.goto(`${baseURL}/buying/questions`)
    await waitForH1(p, 'Questions to answer')
    const row = p.locator('tbody tr', { hasText: 'Insurance to join' })
    expect(await row.textContent()).toContain(`DPS: ${dpsTitle}`)
    await row.getByRole('link', { name: /Insurance to join/ }).click()
    await waitForH1(p, 'Insurance to join')
    await p.getByLabel('Publish an answer to everyone').check()
    await p.getByLabel('The question as everyone will read it').fill('Is £2m cover enough to join?')
    await p.getByLabel('Your answer').fill('Yes: £2m is the minimum to join.')
    await p.getByRole('button', { name: 'Continue' }).click()
    await waitForH1(p, 'Check your answer before publishing it')
    await p.getByRole('button', { name: 'Publish answer' }).click()
    await p.locator('.govuk-notification-banner--success', { hasText: 'Answer 1 published to everyone' }).waitFor()

    // The notice is written by a job after publishing: as a person would, look again until it is there.
    const r = rivalBrowser!.page
    const notice = r.locator('#main-content li', { hasText: `New answer to a question on ${dpsTitle}` })
    for (let tries = 0; ; tries++) {
      await r.goto(`${baseURL}/inbox`)
      await waitForH1(r, /^Inbox/)
      if ((await notice.count()) > 0 || tries >= 30) break
      await r.waitForTimeout(1000)
    }
    await notice.waitFor()

    const s = stranger!.page
    await s.goto(`${baseURL}/dps/${dpsId}`)
    await waitForH1(s, dpsTitle)
    const section = s.locator('#questions')
    await section.getByRole('heading', { name: 'Answer 1: Insurance to join' }).waitFor()
    expect(await section.textContent()).toContain('Yes: £2m is the minimum to join.')
    const html = await s.content()
    for (const x of [asker.organisation, 'Camden Green', asker.name, asker.email]) expect(html).not.toContain(x)
    await check(s, 'dps-questions-answered')
  })
})
