// The account settings journey, in a real browser against the real server: a supplier who
// mistyped their address at registration corrects it while signed in, changes their name, changes their email address by the link sent to the new one, changes their password
// (another device is signed out, this one stays), signs out everywhere else from the list of
// devices using the keyboard, and deletes the account, which closes its organisation. Axe runs
// on every page state; the pages are checked at 320 px.
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { apiCall, apiSignIn, type ApiSession } from './api'
import { check, launch, linkFromEmail, noHorizontalScroll, type Browser } from './browser'
import { signIn, steps, tabTo, waitForH1, waitForPath } from './steps'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const mailpit = inject('mailpitURL')
const runId = inject('runId')

const email = `settings-${runId}@example.com`
const newEmail = `settings-new-${runId}@example.com`
const password = 'lantern orchard pebble'
const newPassword = 'copper meadow whistle 9'

let person: Browser
let phone: ApiSession

/** stillSignedIn says whether an API session is still accepted. */
async function stillSignedIn(s: ApiSession): Promise<boolean> {
  try {
    await apiCall(s, 'GET', '/api/v1/me')
    return true
  } catch {
    return false
  }
}

const step = steps()

describe.skipIf(Boolean(skipReason))('account settings journey', () => {
  beforeAll(async () => {
    person = await launch({ prefix: 'settings' })
  })

  afterAll(async () => {
    await person?.close()
  })

  step('a supplier registers with a mistyped address, corrects it while signed in, and confirms it', async () => {
    const typo = `settings-${runId}@exmaple.com`
    const res = await fetch(`${baseURL}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ organisationName: `Settings Ltd ${runId}`, legalForm: 'sole_trader', name: 'Sam Setings', email: typo, password }),
    })
    expect(res.status).toBe(202)
    const p = person.page
    await signIn(p, typo, password)
    await waitForPath(p, '/account')
    await p.getByRole('link', { name: 'Change your email address' }).click()
    await waitForH1(p, 'Change your email address')
    expect((await p.locator('main').textContent()) ?? '').toContain('have not confirmed it yet')
    await check(p, 'email-unconfirmed')
    await p.getByLabel('New email address').fill(email)
    await p.getByLabel('Your current password').fill(password)
    await p.getByRole('button', { name: 'Send the link' }).click()
    await waitForH1(p, 'Confirm your new email address')
    await check(p, 'email-corrected')
    await p.getByRole('link', { name: 'Back to your account' }).click()
    await waitForH1(p, 'Your account')
    expect((await p.locator('main').textContent()) ?? '').toContain(email)
    await p.goto(await linkFromEmail(mailpit, email, /confirm your email/i, `${baseURL}/verify-email?token=`))
    await waitForH1(p, 'Email address confirmed')
    // The same session carries on, now with a confirmed address.
    await p.goto(`${baseURL}/account`)
    await waitForH1(p, 'Your account')
    await p.getByRole('link', { name: /Account settings/ }).click()
    await waitForH1(p, 'Account settings')
    await check(p, 'settings')
    await noHorizontalScroll(p, 'settings')
  })

  step('they correct their name', async () => {
    const p = person.page
    await p.getByRole('link', { name: /Change\s*name/ }).click()
    await waitForH1(p, 'Change your name')
    await p.getByLabel('Full name').fill('')
    await p.getByRole('button', { name: 'Save name' }).click()
    await p.locator('.govuk-error-summary', { hasText: 'Enter your full name' }).waitFor()
    expect(await p.title()).toMatch(/^Error: /)
    await check(p, 'name-error')
    await p.getByLabel('Full name').fill('Sam Settings')
    await p.getByRole('button', { name: 'Save name' }).click()
    await p.locator('.govuk-notification-banner--success', { hasText: 'Your name has been changed' }).waitFor()
    expect((await p.locator('main').textContent()) ?? '').toContain('Sam Settings')
    await check(p, 'name-changed')
  })

  step('they change their email address by the link sent to the new one', async () => {
    const p = person.page
    await p.getByRole('link', { name: /Change\s*email address/ }).click()
    await waitForH1(p, 'Change your email address')
    await noHorizontalScroll(p, 'email')
    await p.getByLabel('New email address').fill(newEmail)
    await p.getByLabel('Your current password').fill('not my password')
    await p.getByRole('button', { name: 'Send the link' }).click()
    await p.locator('.govuk-error-summary', { hasText: 'The password is not right' }).waitFor()
    await check(p, 'email-error')
    await p.getByLabel('Your current password').fill(password)
    await p.getByRole('button', { name: 'Send the link' }).click()
    await waitForH1(p, 'Check your email')
    await check(p, 'email-sent')
    expect(await linkFromEmail(mailpit, email, /change your email address/i, `${baseURL}/account/settings/`)).toBe(`${baseURL}/account/settings/password`)
    await p.goto(await linkFromEmail(mailpit, newEmail, /confirm your new email address/i, `${baseURL}/account/settings/confirm-email?token=`))
    await waitForH1(p, 'Email address changed')
    expect((await p.locator('main').textContent()) ?? '').toContain(newEmail)
    await check(p, 'email-changed')
    // Both addresses are told it happened, with what to do if it was not them.
    for (const to of [email, newEmail]) expect(await linkFromEmail(mailpit, to, /email address has been changed/i, `${baseURL}/`)).toBe(`${baseURL}/sign-in`)
  })

  step('they change their password: another device is signed out, this one stays', async () => {
    phone = await apiSignIn(newEmail, password)
    const p = person.page
    await p.goto(`${baseURL}/account/settings/password`)
    await waitForH1(p, 'Change your password')
    await noHorizontalScroll(p, 'password')
    await p.getByLabel('Current password').fill(password)
    await p.getByLabel('New password').fill('short')
    await p.getByRole('button', { name: 'Change password' }).click()
    await p.locator('.govuk-error-summary', { hasText: '12 characters or more' }).waitFor()
    await check(p, 'password-error')
    await p.getByLabel('New password').fill(newPassword)
    await p.getByRole('button', { name: 'Change password' }).click()
    await p.locator('.govuk-notification-banner--success', { hasText: 'Your password has been changed' }).waitFor()
    await check(p, 'password-changed')
    expect(await stillSignedIn(phone)).toBe(false)
    expect((await p.locator('main').textContent()) ?? '').toContain(newEmail)
  })

  step('they sign out everywhere else from the list of devices, using the keyboard', async () => {
    phone = await apiSignIn(newEmail, newPassword)
    const p = person.page
    await p.getByRole('link', { name: 'Manage where you are signed in' }).click()
    await waitForH1(p, 'Where you are signed in')
    await p.getByText('This device').waitFor()
    expect(await p.locator('tbody tr').count()).toBe(2)
    await check(p, 'sessions')
    await noHorizontalScroll(p, 'sessions')
    await tabTo(p, 'Sign out everywhere else')
    await p.keyboard.press('Enter')
    await p.locator('.govuk-notification-banner--success', { hasText: 'signed out of 1 other device' }).waitFor()
    await check(p, 'sessions-ended')
    expect(await p.locator('tbody tr').count()).toBe(1)
    expect(await stillSignedIn(phone)).toBe(false)
    expect(await p.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status)).toBe(200)
  })

  step('they read what deleting the account does, and delete it', async () => {
    const p = person.page
    await p.goto(`${baseURL}/account/settings/delete`)
    await waitForH1(p, 'Delete your account')
    await p.getByText(`You are the only member of Settings Ltd ${runId}, so it will be closed`).waitFor()
    await check(p, 'delete')
    await noHorizontalScroll(p, 'delete')
    await p.getByRole('button', { name: 'Delete your account' }).click()
    await p.locator('.govuk-error-summary', { hasText: 'Enter your password' }).waitFor()
    await check(p, 'delete-error')
    await p.getByLabel('Enter your password to confirm').fill(newPassword)
    await p.getByRole('button', { name: 'Delete your account' }).click()
    await waitForH1(p, 'Your account has been deleted')
    await check(p, 'deleted')
    await p.getByRole('link', { name: 'Sign in' }).waitFor()
    expect(await p.evaluate(async () => (await fetch('/api/v1/me', { credentials: 'same-origin' })).status)).toBe(401)
    // The address the account had is told it was deleted and what happened to its data.
    expect(await linkFromEmail(mailpit, newEmail, /account has been deleted/i, `${baseURL}/`)).toBe(`${baseURL}/register`)
  })
})
