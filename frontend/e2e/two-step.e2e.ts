// Two-step verification, in a real browser against the real server: an admin,
// whose role must use it, sets it up straight after their password from the key
// on the page and saves their recovery codes, looks at which roles must use it,
// then signs in again with a code typed using only the keyboard (after a wrong
// one). A buyer, who may choose, turns it on from their account, signs out and
// in with a code, then with a recovery code (told how many are left), and turns
// it off with their password. The codes are computed here from the key the page
// shows, as a phone would. Axe runs on every page state.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { check, launch, type Browser } from './browser'
import { steps, waitForH1, waitForPath } from './steps'
import { codeAt, freshCode } from './totp'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const staff = inject('staff')
const staffPassword = inject('staffPassword')

let browser: Browser
let page: Page
let adminKey = ''
let buyerKey = ''
let buyerCodes: string[] = []

const step = steps()

async function signInWithPassword(email: string) {
  await page.goto(`${baseURL}/sign-in`)
  await waitForH1(page, 'Sign in')
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(staffPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

async function signOut() {
  await page.goto(`${baseURL}/sign-out`)
  await waitForH1(page, 'You have signed out')
}

// readKey opens "I cannot scan the QR code" and reads the key as a person would type it.
async function readKey(): Promise<string> {
  await page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).waitFor()
  await page.getByText('I cannot scan the QR code').click()
  const shown = (await page.locator('#setup-key').textContent()) ?? ''
  expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/)
  return shown.replace(/\s/g, '')
}

// saveCodes reads the recovery codes page and goes on.
async function saveCodes(): Promise<string[]> {
  await waitForH1(page, 'Save your recovery codes')
  const codes = (await page.getByRole('list', { name: 'Your recovery codes' }).locator('li').allTextContents()).map((c) => c.trim())
  expect(codes).toHaveLength(10)
  expect(new Set(codes).size).toBe(10)
  return codes
}

describe.skipIf(Boolean(skipReason))('two-step verification', () => {
  beforeAll(async () => {
    browser = await launch({ prefix: 'two-step' })
    page = browser.page
  })

  afterAll(async () => {
    await browser?.close()
  })

  step('an admin must set it up straight after their password, before anything else', async () => {
    await signInWithPassword(staff.twoStepAdmin)
    await waitForPath(page, '/sign-in/set-up-two-step')
    await waitForH1(page, 'Set up two-step verification')
    await page.getByText('Your role must use two-step verification').waitFor()
    // Nothing else is open to them yet: they are not signed in.
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status)
    expect(me).toBe(401)
    adminKey = await readKey()
    await check(page, 'set-up-at-sign-in')
    await page.getByLabel('Enter the 6-digit code from your authenticator app').fill(await freshCode(adminKey))
    await page.getByRole('button', { name: 'Continue' }).click()
    await saveCodes()
    await check(page, 'recovery-codes')
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click()
    await waitForPath(page, '/account')
    await waitForH1(page, 'Your account')
  })

  step('the admin sees which staff must use it, and the reset page refuses an empty address', async () => {
    await page.getByRole('link', { name: 'Choose which staff must use two-step verification' }).click()
    await waitForH1(page, 'Which staff must use two-step verification?')
    expect(await page.getByLabel('Administrators').isChecked()).toBe(true)
    expect(await page.getByLabel('Case officers').isChecked()).toBe(true)
    expect(await page.getByLabel('Buyers').isChecked()).toBe(false)
    // Saving the same choice changes nothing for the other journeys sharing this server.
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Your choice is saved').waitFor()
    await check(page, 'policy-saved')
    await page.getByRole('link', { name: 'Reset someone’s two-step verification' }).click()
    await waitForH1(page, 'Reset someone’s two-step verification')
    await check(page, 'reset')
    await page.getByRole('button', { name: 'Reset two-step verification' }).click()
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter the email address of the person' }).waitFor()
    expect(await page.title()).toMatch(/^Error: /)
    await check(page, 'reset-error')
  })

  step('the admin signs in again with a code, typed using only the keyboard, after a wrong one', async () => {
    await signOut()
    await signInWithPassword(staff.twoStepAdmin)
    await waitForPath(page, '/sign-in/two-step')
    await waitForH1(page, 'Enter the 6-digit code from your authenticator app')
    await check(page, 'enter-code')
    const code = page.getByLabel('Enter the 6-digit code from your authenticator app')
    expect(await code.getAttribute('inputmode')).toBe('numeric')
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code')
    await code.fill(codeAt(adminKey, Math.floor(Date.now() / 30_000) - 20))
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    expect(await page.title()).toMatch(/^Error: /)
    await check(page, 'enter-code-error')

    await page.goto(`${baseURL}/sign-out`)
    await waitForH1(page, 'You have signed out')
    await signInWithPassword(staff.twoStepAdmin)
    await waitForH1(page, 'Enter the 6-digit code from your authenticator app')
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '')
    let tabs = 0
    while ((await focused()) !== 'code') {
      if (++tabs > 30) throw new Error('Tab never reached the code field')
      await page.keyboard.press('Tab')
    }
    await page.keyboard.type(await freshCode(adminKey))
    await page.keyboard.press('Enter')
    await waitForPath(page, '/account')
    await waitForH1(page, 'Your account')
    await signOut()
  })

  step('a buyer turns it on from their account with the key on the page', async () => {
    await signInWithPassword(staff.twoStepBuyer)
    await waitForPath(page, '/account')
    await page.getByRole('link', { name: 'Manage two-step verification' }).click()
    await waitForH1(page, 'Two-step verification')
    await check(page, 'two-step-off')
    await page.getByRole('button', { name: 'Set up two-step verification' }).click()
    await waitForH1(page, 'Set up two-step verification')
    buyerKey = await readKey()
    await check(page, 'set-up')
    await page.getByLabel('Enter the 6-digit code from your authenticator app').fill(await freshCode(buyerKey))
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click()
    buyerCodes = await saveCodes()
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click()
    await waitForH1(page, 'Two-step verification')
    await page.locator('.govuk-summary-list', { hasText: '10 of 10' }).waitFor()
    await check(page, 'two-step-on')
  })

  step('the buyer signs out and in with a code', async () => {
    await signOut()
    await signInWithPassword(staff.twoStepBuyer)
    await waitForH1(page, 'Enter the 6-digit code from your authenticator app')
    await page.getByLabel('Enter the 6-digit code from your authenticator app').fill(await freshCode(buyerKey))
    await page.getByRole('button', { name: 'Continue' }).click()
    await waitForPath(page, '/account')
    await waitForH1(page, 'Your account')
  })

  step('the buyer signs in with a recovery code and is told how many are left', async () => {
    await signOut()
    await signInWithPassword(staff.twoStepBuyer)
    await waitForH1(page, 'Enter the 6-digit code from your authenticator app')
    await page.getByRole('link', { name: 'Use a recovery code instead' }).click()
    await waitForH1(page, 'Enter a recovery code')
    await check(page, 'recovery-code')
    await page.getByLabel('Enter a recovery code').fill(buyerCodes[0])
    await page.getByRole('button', { name: 'Continue' }).click()
    await waitForPath(page, '/account/two-step-verification')
    await page.getByText('You signed in with a recovery code. You have 9 recovery codes left.').waitFor()
    await check(page, 'recovery-code-used')
  })

  step('the buyer gets new recovery codes, then turns it off with their password', async () => {
    await page.getByRole('link', { name: 'Get new recovery codes' }).click()
    await waitForH1(page, 'Get new recovery codes')
    await check(page, 'new-recovery-codes')
    await page.getByLabel('Enter your password to confirm').fill(staffPassword)
    await page.getByRole('button', { name: 'Get new recovery codes' }).click()
    const fresh = await saveCodes()
    expect(fresh).not.toContain(buyerCodes[1])
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click()
    await waitForH1(page, 'Two-step verification')
    await page.getByRole('link', { name: 'Turn off two-step verification' }).click()
    await waitForH1(page, 'Turn off two-step verification')
    await page.getByLabel('Enter your password to confirm').fill('not the password at all')
    await page.getByRole('button', { name: 'Turn off two-step verification' }).click()
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'Your password is not right' }).waitFor()
    await check(page, 'turn-off-error')
    await page.getByLabel('Enter your password to confirm').fill(staffPassword)
    await page.getByRole('button', { name: 'Turn off two-step verification' }).click()
    await page.getByText('Two-step verification is turned off').waitFor()
    await signOut()
    await signInWithPassword(staff.twoStepBuyer)
    await waitForPath(page, '/account')
  })
})
