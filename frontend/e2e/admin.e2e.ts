// The accounts journey, in real browsers against the real server: an admin
// finds a supplier's account, deactivates it (by keyboard alone), and the
// supplier's open browser is refused on its next request and cannot sign in;
// the admin opens the change-role page, reactivates the account, and
// signs the supplier out everywhere. Axe runs on every page state.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { check, launch, linkFromEmail, noHorizontalScroll, type Browser } from './browser'
import { signIn, steps, tabTo, waitForH1, waitForPath } from './steps'
import { freshCode } from './totp'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const mailpit = inject('mailpitURL')
const runId = inject('runId')
const staff = inject('staff')
const staffPassword = inject('staffPassword')

const email = `switched-${runId}@example.com`
const password = 'harbour thistle engine'
const name = `Sam Switch ${runId}`

let admin: Browser
let supplier: Browser

/** status is what the API answers the browser's own session now. */
async function meStatus(p: Page): Promise<number> {
  return p.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status)
}

const step = steps()

describe.skipIf(Boolean(skipReason))('accounts journey', () => {
  beforeAll(async () => {
    admin = await launch({ prefix: 'admin' })
    supplier = await launch({ prefix: 'admin', clean: false })
  })

  afterAll(async () => {
    await supplier?.close()
    await admin?.close()
  })

  step('a supplier registers, confirms the address and is signed in', async () => {
    const res = await fetch(`${baseURL}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organisationName: `Switch Ltd ${runId}`, legalForm: 'sole_trader', name, email, password }),
    })
    expect(res.status).toBe(202)
    await supplier.page.goto(await linkFromEmail(mailpit, email, /confirm your email/i, `${baseURL}/verify-email?token=`))
    await waitForH1(supplier.page, 'Email address confirmed')
    await signIn(supplier.page, email, password)
    await waitForPath(supplier.page, '/account')
    expect(await meStatus(supplier.page)).toBe(200)
  })

  step('the admin finds the supplier in the accounts list', async () => {
    const p = admin.page
    await signIn(p, staff.admin, staffPassword)
    // Admins must use two-step verification: the first sign-in sets it up (two-step.e2e.ts tests
    // that journey; here it is only the way in).
    await waitForPath(p, '/sign-in/set-up-two-step')
    await p.getByText('I cannot scan the QR code').click()
    const key = ((await p.locator('#setup-key').textContent()) ?? '').replace(/\s/g, '')
    await p.getByLabel('Enter the 6-digit code from your authenticator app').fill(await freshCode(key))
    await p.getByRole('button', { name: 'Continue' }).click()
    await p.getByRole('button', { name: 'I have saved my recovery codes' }).click()
    await waitForPath(p, '/account')
    await p.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Accounts' }).click()
    await waitForH1(p, 'Accounts')
    await p.locator('#main-content h2', { hasText: /\d+ accounts?/ }).waitFor()
    await check(p, 'accounts')
    await noHorizontalScroll(p, 'accounts')
    await p.getByLabel('Name or email address').fill(email)
    await p.getByLabel('Role').selectOption('supplier')
    await p.getByRole('button', { name: 'Search' }).click()
    await p.locator('#main-content h2', { hasText: '1 account matches your search' }).waitFor()
    await check(p, 'accounts-search')
    await p.getByRole('link', { name }).click()
    await waitForH1(p, name)
    const text = (await p.locator('main').textContent()) ?? ''
    expect(text).toContain('Active')
    expect(text).toContain(`Switch Ltd ${runId}`)
    expect(text).toContain('On 1 device')
    await check(p, 'account')
  })

  step('the admin deactivates the account using the keyboard alone', async () => {
    const p = admin.page
    await tabTo(p, 'Deactivate this account')
    await p.keyboard.press('Enter')
    await waitForH1(p, `Are you sure you want to deactivate ${name}’s account?`)
    await check(p, 'account-deactivate')
    await tabTo(p, 'Deactivate account')
    await p.keyboard.press('Enter')
    await p.locator('.govuk-notification-banner--success', { hasText: 'has been deactivated' }).waitFor()
    expect((await p.locator('main').textContent()) ?? '').toContain('Deactivated')
    await check(p, 'account-deactivated')
  })

  step('the supplier’s open browser is refused on its next request and cannot sign in', async () => {
    const p = supplier.page
    expect(await meStatus(p)).toBe(401)
    await p.goto(`${baseURL}/members`)
    await waitForPath(p, '/sign-in')
    await p.getByLabel('Email address').fill(email)
    await p.getByLabel('Password', { exact: true }).fill(password)
    await p.getByRole('button', { name: 'Sign in' }).click()
    await p.locator('.govuk-error-summary', { hasText: 'switched off' }).waitFor()
    expect(await p.title()).toMatch(/^Error: /)
    await check(p, 'sign-in-switched-off')
    expect(await meStatus(p)).toBe(401)
  })

  // The run has other admins (two-step.e2e.ts), so "the last admin cannot step down" is tested in
  // backend/accounts/admin_test.go, where the portal has exactly one; here the page itself is checked.
  step('the admin can open the change-role page for a council officer', async () => {
    const p = admin.page
    await p.goto(`${baseURL}/admin/accounts?q=${encodeURIComponent(staff.admin)}`)
    await p.getByRole('link', { name: 'Ada Admin' }).click()
    await waitForH1(p, 'Ada Admin')
    await p.getByRole('link', { name: 'Change role' }).click()
    await waitForH1(p, 'Change Ada Admin’s role')
    expect(await p.getByLabel('Admin', { exact: true }).isChecked()).toBe(true)
    await check(p, 'account-role')
  })

  step('the admin reactivates the account and the supplier signs in again', async () => {
    const p = admin.page
    await p.goto(`${baseURL}/admin/accounts?status=deactivated&q=${encodeURIComponent(email)}`)
    await p.getByRole('link', { name }).click()
    await waitForH1(p, name)
    await p.getByRole('link', { name: 'Reactivate this account' }).click()
    await waitForH1(p, `Reactivate ${name}’s account?`)
    await check(p, 'account-reactivate')
    await p.getByRole('button', { name: 'Reactivate account' }).click()
    await p.locator('.govuk-notification-banner--success', { hasText: 'has been reactivated' }).waitFor()
    await check(p, 'account-reactivated')

    // The sign-in page still remembers the page that sent the supplier to it.
    await signIn(supplier.page, email, password)
    await supplier.page.waitForURL((u) => u.pathname !== '/sign-in')
    expect(await meStatus(supplier.page)).toBe(200)
  })

  step('the admin signs the supplier out everywhere', async () => {
    const p = admin.page
    await p.reload()
    await waitForH1(p, name)
    await p.getByRole('link', { name: `Sign ${name} out everywhere` }).click()
    await waitForH1(p, `Sign ${name} out everywhere?`)
    await check(p, 'account-end-sessions')
    await p.getByRole('button', { name: 'Sign out everywhere' }).click()
    await p.locator('.govuk-notification-banner--success', { hasText: 'signed out everywhere' }).waitFor()
    expect(await meStatus(supplier.page)).toBe(401)
  })
})
