// The account journey a supplier takes, in a real browser against the real
// server: register, confirm the email, sign in and out, reset a forgotten
// password; with the error states on the way, a keyboard-only sign-in, axe on
// every page state and a 320 px check of the start and register pages.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { check, launch, linkFromEmail, noHorizontalScroll, type Browser } from './browser'
import { steps, waitForH1, waitForPath } from './steps'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const mailpit = inject('mailpitURL')
const runId = inject('runId')

const email = `e2e-${runId}@example.com`
const firstPassword = 'purple kettle river walk'
const newPassword = 'orange ladder quiet harbour'
const organisation = `E2E Cleaning ${runId}`

let browser: Browser
let page: Page
let started = 0
let resetLink = ''
// The steps build on each other: after one fails, the rest would only repeat its failure.

async function h1(p: Page): Promise<string> {
  return ((await p.locator('h1').first().textContent()) ?? '').trim()
}

const step = steps()

describe.skipIf(Boolean(skipReason))('supplier account journey', () => {
  beforeAll(async () => {
    browser = await launch()
    page = browser.page
    started = performance.now()
  })

  afterAll(async () => {
    if (started) console.log(`e2e: journey took ${((performance.now() - started) / 1000).toFixed(1)} s`)
    await browser?.close()
  })

  step('the start page says what a supplier can do and how long registering takes', async () => {
    await page.goto(`${baseURL}/`)
    await waitForH1(page, 'Find and win council work')
    expect(await page.locator('main').textContent()).toContain('about 5 minutes')
    // The council's name joins the title when the site settings arrive, which on a busy machine
    // can be after the heading is drawn.
    await page.waitForFunction(() => /^Find and win council work – [^–]+$/.test(document.title), undefined, { timeout: 15_000 })
    await check(page, 'start')
    await noHorizontalScroll(page, 'start')
  })

  step('registers through the question pages, with an error on the way', async () => {
    await page.getByRole('button', { name: 'Start now' }).click()
    await waitForH1(page, 'What is your organisation’s name?')
    await check(page, 'register-organisation-name')
    await noHorizontalScroll(page, 'register-organisation-name')

    await page.getByRole('button', { name: 'Continue' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true)
    await check(page, 'register-organisation-name-error')

    await page.getByLabel('What is your organisation’s name?').fill(organisation)
    await page.getByRole('button', { name: 'Continue' }).click()
    await waitForH1(page, 'What type of organisation is it?')
    // Focus moves to the new page's heading, as a page load would for a screen reader.
    expect(await page.evaluate(() => document.activeElement?.closest('h1') !== null)).toBe(true)
    await check(page, 'register-legal-form')
    await noHorizontalScroll(page, 'register-legal-form')
    await page.getByLabel('Community interest company (CIC)').check()
    await page.getByRole('button', { name: 'Continue' }).click()

    await waitForH1(page, 'What is your name?')
    await check(page, 'register-your-name')
    await page.getByLabel('What is your name?').fill('Alex Example')
    await page.getByRole('button', { name: 'Continue' }).click()

    await waitForH1(page, 'What is your email address?')
    await check(page, 'register-email')
    await page.getByLabel('What is your email address?').fill(email)
    await page.getByRole('button', { name: 'Continue' }).click()

    await waitForH1(page, 'Create a password')
    await check(page, 'register-password')
    await noHorizontalScroll(page, 'register-password')
    // A password the server would refuse is refused here, not at the end of the journey.
    await page.getByLabel('Create a password').fill('password1234')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.locator('.govuk-error-summary', { hasText: 'Password is too easy to guess' }).waitFor()
    await check(page, 'register-password-error')
    await page.getByLabel('Create a password').fill(firstPassword)
    await page.getByRole('button', { name: 'Continue' }).click()

    await waitForH1(page, 'Check your answers')
    expect(await page.locator('main').textContent()).toContain(organisation)
    await check(page, 'register-check-answers')
    await noHorizontalScroll(page, 'register-check-answers')
    await page.getByRole('button', { name: 'Create account' }).click()

    await waitForH1(page, 'Check your email')
    expect(await page.locator('main').textContent()).toContain(email)
    await check(page, 'register-check-your-email')
    await noHorizontalScroll(page, 'register-check-your-email')
  })

  step('before confirming, the account page asks for the email to be confirmed and can send the link again', async () => {
    await page.goto(`${baseURL}/sign-in`)
    await waitForH1(page, 'Sign in')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(firstPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await waitForPath(page, '/account')
    await page.locator('.govuk-notification-banner', { hasText: 'Confirm your email address' }).waitFor()
    await check(page, 'your-account-unconfirmed')
    await page.getByRole('button', { name: 'Send the link again' }).click()
    await page.locator('.govuk-notification-banner--success', { hasText: 'We have sent a new link' }).waitFor()
    await check(page, 'your-account-link-sent')
  })

  step('confirms the email address with the link from the email', async () => {
    const link = await linkFromEmail(mailpit, email, /confirm your email/i, `${baseURL}/verify-email?token=`)
    await page.goto(link)
    await waitForH1(page, 'Email address confirmed')
    await check(page, 'verify-email-confirmed')
    await page.getByRole('link', { name: 'Go to your account' }).click()
    await waitForH1(page, 'Your account')
    expect(await page.locator('main').textContent()).not.toContain('Confirm your email address')
    await page.getByRole('link', { name: 'Sign out' }).click()
    await waitForH1(page, 'You have signed out')
  })

  step('says a made-up confirmation link does not work, and what to do', async () => {
    await page.goto(`${baseURL}/verify-email?token=not-a-real-token`)
    await waitForH1(page, 'This link does not work')
    await check(page, 'verify-email-bad-link')
  })

  step('refuses a wrong password with a clear message, then signs in', async () => {
    await page.goto(`${baseURL}/sign-in`)
    await waitForH1(page, 'Sign in')
    await check(page, 'sign-in')
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill('not my password at all')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('.govuk-error-summary', { hasText: 'Email address or password is not right' }).waitFor()
    expect(await page.title()).toMatch(/^Error: Sign in/)
    expect(await page.getByLabel('Email address').inputValue()).toBe(email)
    await check(page, 'sign-in-wrong-password')

    await page.getByLabel('Password', { exact: true }).fill(firstPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await waitForPath(page, '/account')
    await waitForH1(page, 'Your account')
    const main = (await page.locator('main').textContent()) ?? ''
    expect(main).toContain(organisation)
    expect(main).not.toContain('Confirm your email address')
    await check(page, 'your-account')
  })

  step('signs out', async () => {
    await page.getByRole('link', { name: 'Sign out' }).click()
    await waitForH1(page, 'You have signed out')
    await check(page, 'signed-out')
    await page.goto(`${baseURL}/account`)
    await waitForPath(page, '/sign-in')
  })

  step('signs in using only the keyboard', async () => {
    await page.goto(`${baseURL}/sign-in`)
    await waitForH1(page, 'Sign in')
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '')
    let tabs = 0
    while ((await focused()) !== 'email') {
      if (++tabs > 30) throw new Error('Tab never reached the email address field')
      await page.keyboard.press('Tab')
    }
    await page.keyboard.type(email)
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('password')
    await page.keyboard.type(firstPassword)
    await page.keyboard.press('Enter')
    await waitForPath(page, '/account')
    await waitForH1(page, 'Your account')
    await page.goto(`${baseURL}/sign-out`)
    await waitForH1(page, 'You have signed out')
  })

  step('says when the service cannot be reached, and keeps what was typed', async () => {
    await page.goto(`${baseURL}/forgot-password`)
    await waitForH1(page, 'Reset your password')
    await page.route('**/api/v1/auth/password-reset', (r) => r.abort('connectionrefused'))
    await page.getByLabel('Email address').fill(email)
    await page.getByRole('button', { name: 'Send the link' }).click()
    await waitForH1(page, 'Sorry, there is a problem with the service')
    await check(page, 'service-problem')
    await page.unroute('**/api/v1/auth/password-reset')
    await page.getByRole('button', { name: 'Go back and try again' }).click()
    expect(await page.getByLabel('Email address').inputValue()).toBe(email)
  })

  step('resets a forgotten password from the emailed link', async () => {
    await page.goto(`${baseURL}/sign-in`)
    await page.getByRole('link', { name: 'I have forgotten my password' }).click()
    await waitForH1(page, 'Reset your password')
    await check(page, 'forgot-password')
    await page.getByRole('button', { name: 'Send the link' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    await check(page, 'forgot-password-error')
    await page.getByLabel('Email address').fill(email)
    await page.getByRole('button', { name: 'Send the link' }).click()
    await waitForH1(page, 'Check your email')
    await check(page, 'forgot-password-check-your-email')

    resetLink = await linkFromEmail(mailpit, email, /reset your password/i, `${baseURL}/reset-password?token=`)
    await page.goto(resetLink)
    await waitForH1(page, 'Choose a new password')
    await check(page, 'reset-password')
    await page.getByLabel('Choose a new password').fill('too short')
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.locator('.govuk-error-summary', { hasText: '12 characters or more' }).waitFor()
    await check(page, 'reset-password-too-short')
    await page.getByLabel('Choose a new password').fill(newPassword)
    await page.getByRole('button', { name: 'Change password' }).click()
    await waitForPath(page, '/sign-in')
    await page.locator('.govuk-notification-banner--success').waitFor()
    await check(page, 'sign-in-after-reset')
  })

  step('signs in with the new password', async () => {
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(newPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await waitForPath(page, '/account')
    await waitForH1(page, 'Your account')
    await page.getByRole('link', { name: 'Sign out' }).click()
    await waitForH1(page, 'You have signed out')
  })

  step('says a reset link that has been used does not work, and how to get a new one', async () => {
    await page.goto(resetLink)
    await waitForH1(page, 'Choose a new password')
    await page.getByLabel('Choose a new password').fill('yet another long password')
    await page.getByRole('button', { name: 'Change password' }).click()
    await waitForH1(page, 'This link does not work')
    expect(await page.getByRole('link', { name: /new link/ }).getAttribute('href')).toBe('/forgot-password')
    await check(page, 'reset-password-used-link')
  })

  step('the information pages and page not found pass axe', async () => {
    for (const [path, title] of [
      ['/accessibility', 'Accessibility statement'],
      ['/privacy', 'Privacy notice'],
      ['/cookies', 'Cookies'],
      ['/glossary', 'Glossary'],
      ['/accept-invitation', 'This link does not work'],
      ['/no-such-page', 'Page not found'],
    ]) {
      await page.goto(`${baseURL}${path}`)
      await waitForH1(page, title)
      expect(await h1(page)).toBe(title)
      await check(page, path.slice(1))
    }
  })
})
