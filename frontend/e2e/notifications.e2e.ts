// The alerts journey, in real browsers against the real server: a supplier
// signs up and creates an alert for a word through the form (meeting its
// errors on the way); a buyer publishes an opportunity that uses the word; the
// supplier gets the alert email (a plain-text part and one-click unsubscribe
// headers) and the message in their inbox, unread and counted; opening it
// marks it read; they register interest on the opportunity's page, and their
// account page (the dashboard) lists it with its deadline; and, signed out in
// another browser, the email's unsubscribe link pauses the
// alert, which their alert list shows paused, to resume. Axe runs on every page state, each
// saved as a screenshot with a "notifications-" prefix.
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

const email = `alerts-${runId}@example.com`
const password = 'saffron kettle harbour moss'
const organisation = `Kelp Clearing ${runId}`
// A word no other journey's opportunity uses, so that only this run's opportunity matches.
const keyword = `kelp${runId}`
const alertName = `Kelp work ${runId}`
const title = `Harbour ${keyword} clearing`

let browser: Browser
let stranger: Browser | undefined
let page: Page
let started = 0
let opportunityId = ''
let messageId = ''
let unsubscribeLink = ''

async function main(p: Page): Promise<string> {
  return (await p.locator('main').textContent()) ?? ''
}

async function continueTo(p: Page, h1: string | RegExp) {
  await p.getByRole('button', { name: 'Continue', exact: true }).click()
  await waitForH1(p, h1)
}

const step = steps()

// registerSupplier signs a supplier up through the registration pages, confirms
// the email address through Mailpit and signs in, as supplier.e2e.ts does.
async function registerSupplier(p: Page, who: string, pw: string, orgName: string) {
  await p.goto(`${baseURL}/register/organisation-name`)
  await p.getByLabel('What is your organisation’s name?').fill(orgName)
  await continueTo(p, 'What type of organisation is it?')
  await p.getByLabel('Sole trader').check()
  await continueTo(p, 'What is your name?')
  await p.getByLabel('What is your name?').fill('Aisha Alerts')
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

interface MailpitSummary {
  ID: string
  Subject: string
}

// waitForEmail polls Mailpit until an email to `to` has exactly the subject, and returns its ID.
async function waitForEmail(to: string, subject: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs
  let seen = 'none'
  while (Date.now() < deadline) {
    const res = await fetch(`${mailpit}/api/v1/search?query=${encodeURIComponent(`to:"${to}"`)}`)
    if (res.ok) {
      const { messages = [] } = (await res.json()) as { messages?: MailpitSummary[] }
      seen = messages.map((m) => m.Subject).join(', ') || 'none'
      const found = messages.find((m) => m.Subject === subject)
      if (found) return found.ID
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`e2e: no email "${subject}" to ${to} within ${timeoutMs / 1000}s (subjects seen: ${seen})`)
}

describe.skipIf(Boolean(skipReason))('alerts, inbox and unsubscribe journey', () => {
  beforeAll(async () => {
    browser = await launch({ prefix: 'notifications' })
    page = browser.page
    started = performance.now()
  })

  afterAll(async () => {
    if (started) console.log(`e2e: notifications journey took ${((performance.now() - started) / 1000).toFixed(1)} s`)
    await stranger?.close()
    await browser?.close()
  })

  step('a supplier signs up, confirms the email address and signs in', async () => {
    await registerSupplier(page, email, password, organisation)
    await waitForH1(page, 'Your account')
  })

  step('with no kinds of work on the profile, the alert list explains what alerts do', async () => {
    await page.goto(`${baseURL}/alerts`)
    await waitForH1(page, 'Your alerts')
    expect(await main(page)).toContain('You have no alerts')
    await check(page, 'alerts-empty')
    await noHorizontalScroll(page, 'alerts-empty')
  })

  step('the alert form shows the server’s problems against the fields', async () => {
    await page.getByRole('button', { name: 'Create an alert' }).click()
    await waitForH1(page, 'Create an alert')
    await check(page, 'alert-form')
    await noHorizontalScroll(page, 'alert-form')

    await page.getByLabel('Name of the alert').fill(alertName)
    await page.getByLabel('Words to look for (optional)').fill(`${keyword}\n${'seaweed '.repeat(9)}`)
    await page.getByLabel('Lowest value').fill('100,000')
    await page.getByLabel('Highest value').fill('10,000')
    await page.getByLabel('As soon as each opportunity is published').check()
    await page.getByRole('button', { name: 'Create alert' }).click()
    const summary = page.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await page.title()).toMatch(/^Error: Create an alert/)
    // Every problem at once: the page checks the server's value and keyword rules itself.
    const text = (await summary.textContent()) ?? ''
    expect(text).toContain('Keywords must be 60 characters or fewer')
    expect(text).toContain('on line 2')
    expect(text).toContain('The highest value must be more than the lowest value')
    expect(await summary.getByRole('link', { name: /60 characters/ }).getAttribute('href')).toBe('#keywords')
    expect(await summary.getByRole('link', { name: /highest value/ }).getAttribute('href')).toBe('#maxValuePence')
    await check(page, 'alert-form-errors')
    // The summary's links take keyboard users to the field.
    await summary.getByRole('link', { name: /highest value/ }).press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('maxValuePence')
  })

  step('creates an alert for a word and a kind of work, emailed as soon as each opportunity is published', async () => {
    await page.getByLabel('Words to look for (optional)').fill(keyword)
    await page.getByLabel('Lowest value').fill('')
    await page.getByLabel('Highest value').fill('')
    await page.getByLabel('Search for a kind of work').fill('90910000')
    await page.keyboard.press('Enter')
    await page.locator('.app-cpv-result', { hasText: '90910000-9' }).getByRole('button', { name: /^Add / }).click()
    await page.locator('#cpvCodes-chosen', { hasText: 'Cleaning services' }).waitFor()
    await page.getByRole('button', { name: 'Create alert' }).click()
    await waitForPath(page, '/alerts')
    await page.locator('.govuk-notification-banner--success', { hasText: `Alert ‘${alertName}’ created` }).waitFor()
    const card = page.locator('.govuk-summary-card', { hasText: alertName })
    const text = (await card.textContent()) ?? ''
    expect(text).toContain(keyword.charAt(0).toUpperCase() + keyword.slice(1))
    expect(text).toContain('Cleaning services (90910000-9)')
    expect(text).toContain('As soon as each opportunity is published')
    await check(page, 'alerts-created')
    await noHorizontalScroll(page, 'alerts-created')
  })

  step('the Change and Delete pages show the alert, and can be left without changing it', async () => {
    const card = page.locator('.govuk-summary-card', { hasText: alertName })
    await card.getByRole('link', { name: /^Change/ }).click()
    await waitForH1(page, 'Change your alert')
    expect(await page.getByLabel('Words to look for (optional)').inputValue()).toBe(keyword)
    await check(page, 'alert-change')
    await page.getByRole('link', { name: 'Cancel' }).click()
    await waitForH1(page, 'Your alerts')
    await page.locator('.govuk-summary-card', { hasText: alertName }).getByRole('link', { name: /^Delete/ }).click()
    await waitForH1(page, `Are you sure you want to delete the alert ‘${alertName}’?`)
    await check(page, 'alert-delete')
    await page.getByRole('link', { name: 'Cancel' }).click()
    await waitForH1(page, 'Your alerts')
  })

  step('a buyer publishes an opportunity that uses the word', async () => {
    const buyer = await apiSignIn(staff.alertsBuyer, staffPassword)
    const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    const draft = await apiCall<{ id: string }>(buyer, 'POST', '/api/v1/opportunities', {
      title,
      summary: `The council wants a contractor to clear ${keyword} from the harbour steps twice a week.`,
      description: 'Clearing and cleaning the harbour steps and slipway, with the waste taken away for composting.',
      procedure: 'open_tender',
      cpvCodes: ['90910000-9'],
      estimatedValuePence: 4_500_000,
      contractMonths: 12,
      placeOfDelivery: 'E09000019',
      reserved: 'none',
      suitableForSmes: true,
      suitableForVcses: true,
      // The minimum for an open tender is 25 days from publication.
      submissionDeadline: daysFromNow(30).toISOString(),
      clarificationDeadline: daysFromNow(20).toISOString(),
      expectedAwardOn: london.format(daysFromNow(60)),
      criteria: [
        { name: 'Price', kind: 'price', weightBp: 4000 },
        { name: 'Quality of the cleaning plan', kind: 'quality', weightBp: 4000 },
        { name: 'Local jobs and the environment', kind: 'social_value', weightBp: 2000 },
      ],
    })
    const published = await apiCall<{ id: string; status: string }>(buyer, 'POST', `/api/v1/opportunities/${draft.id}/publish`)
    expect(published.status).toBe('open')
    opportunityId = published.id
  })

  step('the supplier gets the alert email, with a plain-text part and one-click unsubscribe headers', async () => {
    messageId = await waitForEmail(email, title, 60_000)
    const msg = (await (await fetch(`${mailpit}/api/v1/message/${messageId}`)).json()) as { Text?: string; HTML?: string }
    expect(msg.Text ?? '').toContain(alertName)
    expect(msg.Text ?? '').toContain(`${baseURL}/opportunities/${opportunityId}`)
    expect(msg.HTML ?? '').toContain(title)
    const headers = (await (await fetch(`${mailpit}/api/v1/message/${messageId}/headers`)).json()) as Record<string, string[]>
    expect(headers['List-Unsubscribe']?.[0]).toMatch(/^<https?:\/\/[^>\s]+>$/)
    expect(headers['List-Unsubscribe-Post']?.[0]).toBe('List-Unsubscribe=One-Click')
    unsubscribeLink = (msg.Text ?? '').match(new RegExp(`${baseURL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/unsubscribe/[^\\s"'<>]+`))?.[0] ?? ''
    expect(unsubscribeLink).not.toBe('')
  })

  step('the inbox shows the match unread, with the unread count in the heading', async () => {
    await page.goto(`${baseURL}/inbox`)
    await waitForH1(page, 'Inbox (1 unread)')
    const item = page.locator('#main-content li', { hasText: title })
    expect(await item.locator('.govuk-tag', { hasText: 'Unread' }).count()).toBe(1)
    expect(await item.textContent()).toContain(`Matches your alert ‘${alertName}’`)
    await check(page, 'inbox-unread')
    await noHorizontalScroll(page, 'inbox-unread')
  })

  step('opening the message marks it read and shows the opportunity, where the supplier registers interest', async () => {
    await page.getByRole('link', { name: title }).click()
    await waitForPath(page, `/opportunities/${opportunityId}`)
    await waitForH1(page, title)
    const register = page.getByRole('button', { name: 'Register interest' })
    await register.waitFor()
    expect(await main(page)).toContain('remind you 7 days and 48 hours before the deadline')
    await check(page, 'opportunity-register-interest')
    // With the keyboard, as anyone who does not use a mouse would.
    await register.focus()
    await page.keyboard.press('Enter')
    await page.getByText(/^You registered interest on \d{1,2} \w+ \d{4}\.$/).waitFor()
    await page.getByRole('button', { name: 'Stop updates about this' }).waitFor()
    await check(page, 'opportunity-interest-registered')

    await page.goto(`${baseURL}/inbox`)
    await waitForH1(page, /^Inbox$/)
    expect(await page.locator('#main-content .govuk-tag', { hasText: 'Unread' }).count()).toBe(0)
    await page.getByRole('link', { name: 'Show unread only' }).click()
    await page.getByText('You have no unread messages.').waitFor()
    await check(page, 'inbox-read')
  })

  step('the account page lists the opportunity the supplier registered interest in, with its deadline', async () => {
    await page.goto(`${baseURL}/account`)
    await waitForH1(page, 'Your account')
    const interests = page.locator('section', { has: page.getByRole('heading', { name: 'Opportunities you registered interest in' }) })
    const link = interests.getByRole('link', { name: title })
    await link.waitFor()
    const row = interests.locator('.govuk-summary-list__row', { has: page.getByRole('link', { name: title }) })
    expect(await row.locator('.govuk-tag').textContent()).toMatch(/^(29|30) days to bid$/)
    expect(await row.textContent()).toMatch(/Bids by .+ \d{4}/)
    expect(await row.textContent()).toMatch(/Questions by .+ \d{4}/)
    // The message was opened, so nothing is new; other parts say they are empty.
    const matches = page.locator('section', { has: page.getByRole('heading', { name: 'New matches' }) })
    await matches.getByText('No new opportunities match your alerts.', { exact: false }).waitFor()
    await page.locator('section', { has: page.getByRole('heading', { name: 'Your bids' }) }).getByText('You have not started any bids.', { exact: false }).waitFor()
    await check(page, 'account-dashboard')
    await noHorizontalScroll(page, 'account-dashboard')
    await link.click()
    await waitForH1(page, title)
  })

  step('signed out, in another browser, the email’s unsubscribe link stops the alert', async () => {
    // The server must answer the emailed address with the app. A token with a
    // "." in it looks like a file name to the static handler, which answers 404.
    const res = await fetch(unsubscribeLink)
    expect(res.status, `GET ${unsubscribeLink} must serve the app, not "${await res.text()}"`).toBe(200)
    stranger = await launch({ prefix: 'notifications', clean: false })
    const p = stranger.page
    await p.goto(unsubscribeLink)
    await waitForH1(p, `Stop emails for your alert ‘${alertName}’?`)
    await check(p, 'unsubscribe-ask')
    await noHorizontalScroll(p, 'unsubscribe-ask')
    await p.getByRole('button', { name: 'Stop emails' }).click()
    await waitForH1(p, 'Emails stopped')
    expect(await main(p)).toContain(`We paused your alert ‘${alertName}’`)
    await check(p, 'unsubscribe-done')

    await p.goto(unsubscribeLink)
    await waitForH1(p, 'These emails have already been stopped')
    await check(p, 'unsubscribe-already-stopped')

    await p.goto(`${baseURL}/unsubscribe/not-a-real-link`)
    await waitForH1(p, 'This unsubscribe link does not work')
    expect(await main(p)).toContain('Sign in to manage your alerts')
    await check(p, 'unsubscribe-bad-link')
    await p.getByRole('link', { name: 'Sign in to manage your alerts' }).click()
    await waitForH1(p, 'Sign in')
  })

  step('the supplier’s alert list shows the alert paused, and it resumes with the keyboard', async () => {
    await page.goto(`${baseURL}/alerts`)
    await waitForH1(page, 'Your alerts')
    const card = page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: alertName }) })
    expect(await card.textContent()).toContain('Paused on')
    await check(page, 'alerts-after-unsubscribe')
    await card.getByRole('button', { name: /^Resume/ }).focus()
    await page.keyboard.press('Enter')
    await page.getByText(`Alert ‘${alertName}’ resumed: you will hear of new matches again.`).waitFor()
    expect(await card.textContent()).not.toContain('Paused on')
    await check(page, 'alerts-resumed')
  })
})
