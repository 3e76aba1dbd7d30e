// The supplier profile journey, in real browsers against the real server: sign
// up and confirm the email, fill in the profile through every question page,
// check and save it, see the classification, answer the declarations, and see
// the profile complete. On the way: answers continued from on a second browser
// there on the first, a save from a page loaded before another save refused (412),
// inviting a member who joins, asking for a bank details change,
// and council staff finding the supplier with filters and checking the change
// in their queue. Axe runs on every page state, each saved as a screenshot.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { check, launch, linkFromEmail, noHorizontalScroll, type Browser } from './browser'
import { steps, waitForH1, waitForPath } from './steps'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const mailpit = inject('mailpitURL')
const runId = inject('runId')
const staff = inject('staff')
const staffPassword = inject('staffPassword')

const email = `owner-${runId}@example.com`
const memberEmail = `member-${runId}@example.com`
const password = 'copper lantern meadow drift'
const organisation = `Green Broom ${runId}`

let browser: Browser
let other: Browser
let page: Page
let started = 0

async function main(p: Page): Promise<string> {
  return (await p.locator('main').textContent()) ?? ''
}

async function signIn(p: Page, who: string, pw: string, landing = '/account', go = true) {
  if (go) await p.goto(`${baseURL}/sign-in`)
  await waitForH1(p, 'Sign in')
  await p.getByLabel('Email address').fill(who)
  await p.getByLabel('Password', { exact: true }).fill(pw)
  await p.getByRole('button', { name: 'Sign in' }).click()
  await waitForPath(p, landing)
}

async function signOut(p: Page) {
  await p.goto(`${baseURL}/sign-out`)
  await waitForH1(p, 'You have signed out')
}

async function continueTo(p: Page, h1: string | RegExp) {
  await p.getByRole('button', { name: 'Continue', exact: true }).click()
  await waitForH1(p, h1)
}

const step = steps()

/** staffRow is the text of the check answers row for the number of staff. */
async function staffRow(p: Page): Promise<string> {
  return (await p.locator('.govuk-summary-list__row', { hasText: 'Number of staff' }).textContent()) ?? ''
}

describe.skipIf(Boolean(skipReason))('supplier profile journey', () => {
  beforeAll(async () => {
    browser = await launch({ prefix: 'supplier' })
    page = browser.page
    started = performance.now()
  })

  afterAll(async () => {
    if (started) console.log(`e2e: supplier journey took ${((performance.now() - started) / 1000).toFixed(1)} s`)
    await other?.close()
    await browser?.close()
  })

  step('signs up, confirms the email address and signs in', async () => {
    await page.goto(`${baseURL}/register/organisation-name`)
    await page.getByLabel('What is your organisation’s name?').fill(organisation)
    await continueTo(page, 'What type of organisation is it?')
    await page.getByLabel('Sole trader').check()
    await continueTo(page, 'What is your name?')
    await page.getByLabel('What is your name?').fill('Olu Owner')
    await continueTo(page, 'What is your email address?')
    await page.getByLabel('What is your email address?').fill(email)
    await continueTo(page, 'Create a password')
    await page.getByLabel('Create a password').fill(password)
    await continueTo(page, 'Check your answers')
    await page.getByRole('button', { name: 'Create account' }).click()
    await waitForH1(page, 'Check your email')

    await page.goto(await linkFromEmail(mailpit, email, /confirm your email/i, `${baseURL}/verify-email?token=`))
    await waitForH1(page, 'Email address confirmed')
    await signIn(page, email, password)
    await waitForH1(page, 'Your account')
    // A confirmed supplier gets its organisation's pages in the navigation.
    const nav = page.getByRole('navigation', { name: 'Menu' })
    for (const name of ['Profile', 'Members', 'Bank details']) await nav.getByRole('link', { name }).waitFor()
  })

  step('the profile task list shows what there is to do', async () => {
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Profile' }).click()
    await waitForH1(page, 'Your organisation’s profile')
    const text = await main(page)
    expect(text).toContain('Your profile is not complete yet')
    expect(text).toContain('Cannot start yet')
    await check(page, 'profile-task-list')
    await noHorizontalScroll(page, 'profile-task-list')
  })

  step('organisation details: the numbers asked for follow the legal form', async () => {
    await page.getByRole('link', { name: 'Organisation details' }).click()
    await waitForH1(page, 'Organisation details')
    expect(await page.getByLabel('Companies House number').count()).toBe(0)
    await page.getByLabel('Private limited company (Ltd)').check()
    await page.getByLabel('Companies House number').waitFor()
    await page.getByLabel('Legal name').fill('')
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.locator('.govuk-error-summary').waitFor()
    expect(await page.title()).toMatch(/^Error: Organisation details/)
    const summary = (await page.locator('.govuk-error-summary').textContent()) ?? ''
    expect(summary).toContain('Enter your organisation’s legal name')
    expect(summary).toContain('Enter your Companies House number')
    await check(page, 'profile-organisation-details-error')
    await page.getByLabel('Legal name').fill(`${organisation} Ltd`)
    await page.getByLabel('Trading name (optional)').fill('Green Broom')
    await page.getByLabel('Companies House number').fill('01234567')
    // Wrong check digits: the server finds this when the profile is saved.
    await page.getByLabel('VAT registration number (optional)').fill('GB123456789')
    await check(page, 'profile-organisation-details')
    await noHorizontalScroll(page, 'profile-organisation-details')
    await continueTo(page, 'Registered address')
  })

  step('registered address: the postcode suggests the local authority', async () => {
    await page.getByLabel('Address line 1').fill('1 Upper Street')
    await page.getByLabel('Town or city').fill('London')
    await page.getByLabel('Postcode').fill('n7 0aa')
    await page.getByRole('button', { name: 'Find local authority from postcode' }).click()
    await page.getByText('Your postcode is in').waitFor()
    expect(await page.getByLabel('Local authority').inputValue()).toBe('E09000019')
    await check(page, 'profile-address')
    await noHorizontalScroll(page, 'profile-address')
    await continueTo(page, 'Size of your organisation')
  })

  step('size: staff and turnover in pounds', async () => {
    await page.getByLabel('How many people work for your organisation?').fill('12')
    await page.getByLabel('What was your turnover in your last financial year?').fill('twelve')
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.locator('.govuk-error-summary', { hasText: 'Turnover must be an amount of money' }).waitFor()
    await check(page, 'profile-size-error')
    await page.getByLabel('What was your turnover in your last financial year?').fill('£1,250,000')
    await check(page, 'profile-size')
    await continueTo(page, 'What your organisation does')
  })

  step('what you do: description, employee-owned, social enterprise and asset lock', async () => {
    await page.getByLabel('Describe what your organisation does').fill('We clean offices and community buildings in north London.')
    await page.locator('#employeeOwned-2').check()
    await page.locator('#socialEnterprise').check()
    await page.locator('#assetLock').check()
    await check(page, 'profile-what-you-do')
    await noHorizontalScroll(page, 'profile-what-you-do')
    await continueTo(page, 'Kinds of work you want to hear about')
  })

  step('kinds of work: search CPV codes, see the hierarchy, add and remove', async () => {
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.locator('.govuk-error-summary', { hasText: 'Choose at least one kind of work' }).waitFor()
    await page.getByLabel('Search for a kind of work').fill('cleaning services')
    await page.keyboard.press('Enter')
    const result = page.locator('.app-cpv-result', { hasText: '90910000-9' })
    await result.waitFor()
    expect(await result.locator('.app-cpv-result__path').textContent()).toContain('Sewage, refuse, cleaning and environmental services')
    await check(page, 'profile-kinds-of-work-results')
    await noHorizontalScroll(page, 'profile-kinds-of-work-results')
    await result.getByRole('button', { name: 'Add Cleaning services' }).click()
    await page.locator('#cpv-search-chosen', { hasText: 'Cleaning services' }).waitFor()
    await page.getByLabel('Search for a kind of work').fill('90911200')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.locator('.app-cpv-result', { hasText: '90911200-8' }).getByRole('button', { name: /^Add / }).click()
    expect(await page.locator('#cpv-search-chosen .govuk-summary-list__row').count()).toBe(2)
    await page.locator('#cpv-search-chosen').getByRole('button', { name: /^Remove Building-cleaning/ }).click()
    expect(await page.locator('#cpv-search-chosen .govuk-summary-list__row').count()).toBe(1)
    await check(page, 'profile-kinds-of-work-chosen')
    await continueTo(page, 'Accreditations')
  })

  step('accreditations: the named ones and others', async () => {
    await page.getByLabel('Living Wage Foundation').check()
    await page.getByLabel('Other accreditations (optional)').fill('Investors in People')
    await check(page, 'profile-accreditations')
    await continueTo(page, 'Contact people')
  })

  step('contacts: one, then add another', async () => {
    await page.getByLabel('Full name').fill('Olu Owner')
    await page.getByLabel('Job title (optional)').fill('Director')
    await page.getByLabel('UK phone number').fill('020 7946 0000')
    await page.getByRole('button', { name: 'Add another contact' }).click()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contacts-1-name')
    await page.locator('#contacts-1-name').fill('Sam Second')
    await page.locator('#contacts-1-phone').fill('07700 900982')
    await page.locator('#contacts-1-email').fill('sam@example')
    await page.getByRole('button', { name: 'Continue', exact: true }).click()
    await page.locator('.govuk-error-summary', { hasText: 'for contact 2' }).waitFor()
    await check(page, 'profile-contacts-error')
    await page.locator('#contacts-1-email').fill('sam@example.com')
    await check(page, 'profile-contacts')
    await noHorizontalScroll(page, 'profile-contacts')
    await continueTo(page, 'Check your answers')
  })

  step('check answers: a problem the server finds links back to its page', async () => {
    const text = await main(page)
    for (const want of ['Private limited company', '1 Upper Street', 'Islington', '£1,250,000', 'Cleaning services', 'Investors in People', 'Sam Second'])
      expect(text).toContain(want)
    await check(page, 'profile-check-answers')
    await noHorizontalScroll(page, 'profile-check-answers')
    await page.getByRole('button', { name: 'Save profile' }).click()
    const link = page.locator('.govuk-error-summary').getByRole('link', { name: /real VAT registration number/ })
    await link.waitFor()
    expect(await page.title()).toMatch(/^Error: /)
    await check(page, 'profile-check-answers-error')
    await link.click()
    await waitForH1(page, 'Organisation details')
    await page.locator('#vatNumber-error').waitFor()
    await check(page, 'profile-organisation-details-server-error')
    await page.getByLabel('VAT registration number (optional)').fill('GB123456782')
    await continueTo(page, 'Check your answers')
  })

  step('saves the profile and shows the classification with its reasons', async () => {
    await page.getByRole('button', { name: 'Save profile' }).click()
    await waitForH1(page, 'How we classify your organisation')
    await page.locator('.govuk-notification-banner--success', { hasText: 'Your profile has been saved' }).waitFor()
    const text = await main(page)
    expect(text).toContain('Small: you told us you have 12 staff')
    expect(text).toContain('VCSE: you told us you are a social enterprise with an asset lock')
    expect(text).toContain('Local: your organisation is based in Islington')
    await check(page, 'profile-classification')
    await noHorizontalScroll(page, 'profile-classification')
  })

  step('answers the ethical standards declarations and the profile is complete', async () => {
    await page.getByRole('link', { name: 'answer the ethical standards declarations' }).click()
    await waitForH1(page, 'Ethical standards')
    await check(page, 'profile-declarations')
    await page.getByRole('button', { name: 'Save declarations' }).click()
    await page.locator('.govuk-error-summary', { hasText: 'Select an answer for London Living Wage' }).waitFor()
    await check(page, 'profile-declarations-error')
    const fieldsets = page.locator('fieldset')
    const n = await fieldsets.count()
    for (let i = 0; i < n; i++) {
      const fs = fieldsets.nth(i)
      const na = fs.getByLabel('This does not apply to us')
      if (await na.count()) await na.check()
      else await fs.getByLabel('Yes', { exact: true }).check()
    }
    await page.locator('#declarations-0-evidence').fill('Accredited Living Wage employer since 2024')
    await page.getByRole('button', { name: 'Save declarations' }).click()
    await waitForH1(page, 'Your organisation’s profile')
    await page.locator('.govuk-notification-banner--success', { hasText: 'Your declarations have been saved' }).waitFor()
    expect(await main(page)).toContain('Your profile is complete')
    await check(page, 'profile-complete')
    await page.getByRole('link', { name: 'Ethical standards' }).click()
    await waitForH1(page, 'Ethical standards')
    expect(await main(page)).toContain('Declared by Olu Owner on')
  })

  step('a change made on another device is there on this one; a save from a page loaded before another save is refused and told to reload', async () => {
    other = await launch({ prefix: 'supplier', clean: false })
    const second = other.page
    await signIn(second, email, password)
    await second.goto(`${baseURL}/profile/size`)
    await waitForH1(second, 'Size of your organisation')
    // Still a small organisation (10 to 49 staff), so the staff search below finds it as before.
    await second.getByLabel('How many people work for your organisation?').fill('47')
    await second.getByRole('button', { name: 'Continue', exact: true }).click()
    await waitForH1(second, 'What your organisation does')
    await second.goto(`${baseURL}/profile/check-answers`)
    await waitForH1(second, 'Check your answers')

    // The staff count continued from on the other browser is kept on the server, so it is
    // here too, before it is saved.
    await page.goto(`${baseURL}/profile/check-answers`)
    await waitForH1(page, 'Check your answers')
    expect(await staffRow(page)).toContain('47')
    await page.getByRole('link', { name: 'Change trading name' }).click()
    await waitForH1(page, 'Organisation details')
    await page.getByLabel('Trading name (optional)').fill('Green Broom Cleaning')
    await continueTo(page, 'Check your answers')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await waitForH1(page, 'How we classify your organisation')

    await second.getByRole('button', { name: 'Save profile' }).click()
    const summary = second.locator('.govuk-error-summary', { hasText: 'Someone else changed this profile' })
    await summary.waitFor()
    expect(await second.title()).toMatch(/^Error: /)
    await check(second, 'profile-save-conflict')
    await summary.getByRole('link', { name: 'Reload the profile' }).click()
    await waitForH1(second, 'Your organisation’s profile')
    await second.getByText('We have loaded the latest version of your profile').waitFor()
    await second.goto(`${baseURL}/profile/check-answers`)
    await waitForH1(second, 'Check your answers')
    const text = await main(second)
    expect(text).toContain('Green Broom Cleaning')
    expect(await staffRow(second)).toContain('47')
    await signOut(second)
  })

  step('an owner invites a member, who makes an account from the emailed link', async () => {
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Members' }).click()
    await waitForH1(page, 'People in your organisation')
    expect(await main(page)).toContain('Olu Owner (you)')
    await check(page, 'members')
    await noHorizontalScroll(page, 'members')
    await page.getByRole('button', { name: 'Invite someone' }).click()
    await waitForH1(page, 'Invite someone to your organisation')
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await page.locator('.govuk-error-summary').waitFor()
    await check(page, 'members-invite-error')
    await page.getByLabel('Their email address').fill(memberEmail)
    await page.getByLabel('Member', { exact: true }).check()
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await waitForH1(page, 'People in your organisation')
    await page.locator('.govuk-notification-banner--success', { hasText: memberEmail }).waitFor()
    await check(page, 'members-invited')

    // Resent, the invitation comes with a new link, and the first one stops working.
    const first = await linkFromEmail(mailpit, memberEmail, /invited you to join/i, `${baseURL}/join-organisation?token=`)
    await page.getByRole('button', { name: `Resend the invitation to ${memberEmail}` }).click()
    await page.locator('.govuk-notification-banner--success', { hasText: 'again, with a new link' }).waitFor()
    let link = first
    for (let tries = 0; link === first && tries < 60; tries++) {
      await page.waitForTimeout(500)
      link = await linkFromEmail(mailpit, memberEmail, /invited you to join/i, `${baseURL}/join-organisation?token=`)
    }
    expect(link).not.toBe(first)

    const second = other.page
    await second.goto(first)
    await second.locator('#main-content', { hasText: 'Ask the person who invited you to send a new one' }).waitFor()
    await second.goto(link)
    await waitForH1(second, 'Join your organisation')
    // The page says which organisation, who invited and for which address.
    const invited = (await second.locator('#main-content p', { hasText: 'has invited you to join' }).textContent()) ?? ''
    expect(invited).toContain(`Olu Owner has invited you to join ${organisation} as a member`)
    expect(invited).toContain(`The invitation is for ${memberEmail}.`)
    await check(second, 'join-organisation')
    await second.getByLabel('Your full name').fill('Mo Member')
    await second.getByLabel('Create a password').fill('silver otter canal bridge')
    await second.getByRole('button', { name: 'Create account and join' }).click()
    await waitForPath(second, '/sign-in')
    await second.locator('.govuk-notification-banner--success', { hasText: 'You have joined' }).waitFor()
    await signIn(second, memberEmail, 'silver otter canal bridge', '/profile', false)
    await waitForH1(second, 'Your organisation’s profile')
    await signOut(second)

    await page.reload()
    await waitForH1(page, 'People in your organisation')
    expect(await main(page)).toContain('Mo Member')
  })

  step('the last owner cannot leave, and is told so plainly', async () => {
    await page.getByRole('link', { name: /^Leave/ }).click()
    await waitForH1(page, /Are you sure you want to leave/)
    await check(page, 'members-leave')
    await page.getByRole('button', { name: /^Leave / }).click()
    await page.locator('.govuk-error-summary', { hasText: 'An organisation must always have an owner' }).waitFor()
    await check(page, 'members-leave-last-owner')
  })

  step('an owner changes a member’s role, then removes them after confirming', async () => {
    await page.goto(`${baseURL}/members`)
    await waitForH1(page, 'People in your organisation')
    await page.getByRole('link', { name: 'Change role of Mo Member' }).click()
    await waitForH1(page, 'Change Mo Member’s role')
    await check(page, 'members-change-role')
    await page.getByLabel('Owner', { exact: true }).check()
    await page.getByRole('button', { name: 'Change role' }).click()
    await waitForH1(page, 'People in your organisation')
    await page.locator('.govuk-notification-banner--success', { hasText: 'Mo Member is now an owner' }).waitFor()
    await page.getByRole('link', { name: 'Remove Mo Member' }).click()
    await waitForH1(page, 'Are you sure you want to remove Mo Member?')
    await check(page, 'members-remove')
    await page.getByRole('button', { name: 'Remove Mo Member' }).click()
    await waitForH1(page, 'People in your organisation')
    await page.locator('.govuk-notification-banner--success', { hasText: 'Mo Member has been removed' }).waitFor()
    expect(await page.locator('table').first().textContent()).not.toContain('Mo Member')
  })

  step('asks for a bank details change, which waits for checks, step by step', async () => {
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Bank details' }).click()
    await waitForH1(page, 'Your bank details')
    await check(page, 'bank-details-none')
    await page.getByRole('button', { name: 'Add bank details' }).click()
    await waitForH1(page, 'Add your bank details')
    await page.getByLabel('Name on the account').fill('Green Broom Ltd')
    await page.getByLabel('Sort code').fill('30-94')
    await page.getByLabel('Account number').fill('00733445')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.locator('.govuk-error-summary', { hasText: 'sort code' }).waitFor()
    await check(page, 'bank-change-error')
    await page.getByLabel('Sort code').fill('30-94-31')
    await page.getByRole('button', { name: 'Continue' }).click()
    // First details are checked before they are sent, the account number masked.
    await waitForH1(page, 'Check your bank details before sending them')
    let check1 = await main(page)
    expect(check1).toContain('30-94-31')
    expect(check1).not.toContain('00733445')
    expect(check1).toContain('3445')
    expect(check1).toMatch(/usually about \d+ working days before we can pay you/)
    await check(page, 'bank-check-first-details')
    await noHorizontalScroll(page, 'bank-check-first-details')
    // Change, by keyboard, leads to the field with what was typed kept.
    await page.getByRole('link', { name: /^Change\s*sort code$/ }).focus()
    await page.keyboard.press('Enter')
    await waitForH1(page, 'Add your bank details')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sortCode')
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('30-94-30')
    await page.getByRole('button', { name: 'Continue' }).click()
    await waitForH1(page, 'Check your bank details before sending them')
    check1 = await main(page)
    expect(check1).toContain('30-94-30')
    await page.getByRole('button', { name: 'Send bank details' }).click()
    await waitForH1(page, 'Your bank details')
    await page.locator('.govuk-notification-banner--success', { hasText: 'We have sent your first bank details' }).waitFor()
    const text = await main(page)
    expect(text).toMatch(/This usually takes about \d+ working days/)
    expect(text).toContain('Companies House')
    expect(text).toContain('ending 3445')
    expect(text).not.toContain('00733445')
    expect(text).toContain('Waiting for a council officer to call you back')
    expect(text).toContain('Happening now')
    await check(page, 'bank-details-pending')
    await noHorizontalScroll(page, 'bank-details-pending')
  })

  step('council staff find the supplier with filters, and open its record', async () => {
    const second = other.page
    await signIn(second, staff.buyer, staffPassword)
    const nav = second.getByRole('navigation', { name: 'Menu' })
    await nav.getByRole('link', { name: 'Bank changes' }).waitFor()
    await nav.getByRole('link', { name: 'Suppliers' }).click()
    await waitForH1(second, 'Suppliers')
    await check(second, 'staff-suppliers')
    await second.getByLabel('VCSE').selectOption('true')
    await second.getByLabel('How local').selectOption('local')
    await second.getByLabel('Kind of work (CPV code)').fill('90900000')
    await second.getByLabel('Declared they meet').selectOption('london_living_wage')
    await second.getByLabel('Accreditation').fill('living wage foundation')
    await second.getByLabel('Search words').fill('Green Broom')
    await second.getByRole('button', { name: 'Apply filters' }).click()
    await second.waitForURL((u) => u.searchParams.get('vcse') === 'true')
    const row = second.getByRole('link', { name: organisation })
    await row.waitFor()
    expect(await main(second)).toContain('1 supplier matches your filters')
    const csv = await second.getByRole('link', { name: /as a spreadsheet/ }).getAttribute('href')
    expect(csv).toContain('/api/v1/suppliers/export.csv?')
    expect(csv).toContain('vcse=true')
    expect(csv).toContain('cpv=90900000')
    await check(second, 'staff-suppliers-filtered')
    await noHorizontalScroll(second, 'staff-suppliers-filtered')
    // A filter that excludes it: large organisations only.
    await second.getByLabel('Size').selectOption('large')
    await second.getByRole('button', { name: 'Apply filters' }).click()
    await second.getByText('0 suppliers match your filters').waitFor()
    await second.goBack()
    await row.click()
    await waitForH1(second, organisation)
    const text = await main(second)
    expect(text).toContain('Green Broom Cleaning')
    expect(text).toContain('Accredited Living Wage employer since 2024')
    await check(second, 'staff-supplier-record')
  })

  step('one officer records the call-back, a second approves, and the change cools off', async () => {
    const second = other.page
    await second.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Bank changes' }).click()
    await waitForH1(second, 'Bank details changes to check')
    const item = second.locator('section', { hasText: organisation })
    await item.waitFor()
    await check(second, 'staff-bank-changes')
    await item.getByRole('link', { name: /^Record call-back/ }).click()
    await waitForH1(second, 'Record a call-back')
    await check(second, 'staff-record-callback')
    await second.getByRole('button', { name: 'Record call-back' }).click()
    await second.locator('.govuk-error-summary', { hasText: 'Select the number you called' }).waitFor()
    await second.getByLabel(/^\+442079460000/).check()
    await second.getByLabel(/What did they confirm/).fill('Spoke to Olu Owner, who confirmed the new account.')
    await second.getByRole('button', { name: 'Record call-back' }).click()
    await waitForH1(second, 'Bank details changes to check')
    await second.locator('.govuk-notification-banner--success', { hasText: 'Call-back recorded' }).waitFor()
    // The officer who called back is not offered approval.
    expect(await second.locator('section', { hasText: organisation }).getByRole('link', { name: /^Approve/ }).count()).toBe(0)
    await signOut(second)

    await signIn(second, staff.secondBuyer, staffPassword)
    await second.goto(`${baseURL}/bank-changes`)
    await waitForH1(second, 'Bank details changes to check')
    await second.locator('section', { hasText: organisation }).getByRole('link', { name: /^Approve/ }).click()
    await waitForH1(second, /Approve the change/)
    await check(second, 'staff-approve-change')
    await second.getByRole('button', { name: 'Approve change' }).click()
    await waitForH1(second, 'Bank details changes to check')
    await second.locator('.govuk-notification-banner--success', { hasText: 'You have approved' }).waitFor()
    await check(second, 'staff-bank-changes-approved')
    await signOut(second)

    await page.reload()
    await waitForH1(page, 'Your bank details')
    expect(await main(page)).toContain('Approved: cooling off')
    await check(page, 'bank-details-cooling-off')
  })

  step('an owner stops the change from the link in the email: "this wasn\'t us"', async () => {
    const link = await linkFromEmail(mailpit, email, /bank details/i, `${baseURL}/bank-details/not-us?change=`)
    await page.goto(link)
    await waitForH1(page, 'Stop a change to your bank details')
    expect(await main(page)).toContain('ending 3445')
    await check(page, 'bank-not-us')
    await noHorizontalScroll(page, 'bank-not-us')
    await page.getByRole('button', { name: 'Stop this change' }).click()
    await waitForH1(page, 'You have stopped the change')
    await check(page, 'bank-not-us-stopped')
    await page.getByRole('link', { name: 'Go to your bank details' }).click()
    await waitForH1(page, 'Your bank details')
    expect(await main(page)).toContain('Stopped')
    expect(await main(page)).toContain('You cannot ask for another change')
    await check(page, 'bank-details-frozen')
  })

  step('adds an insurance certificate, downloads it and removes it', async () => {
    // A small but real PDF, written to a temporary file for the file input.
    const dir = mkdtempSync(join(tmpdir(), 'fairtender-e2e-insurance-'))
    const filename = `public-liability-${runId}.pdf`
    const file = join(dir, filename)
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
        '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    )
    writeFileSync(file, pdf)
    try {
      await page.goto(`${baseURL}/account`)
      await waitForH1(page, 'Your account')
      await page.getByRole('link', { name: 'add your insurance certificates' }).waitFor()
      await page.goto(`${baseURL}/profile`)
      await waitForH1(page, 'Your organisation’s profile')
      await page.getByRole('link', { name: 'Insurance certificates' }).click()
      await waitForH1(page, 'Insurance certificates')
      expect(await main(page)).toContain('You have not added any insurance certificates yet')
      await check(page, 'insurance-none')

      await page.getByRole('button', { name: 'Add a certificate' }).click()
      await waitForH1(page, 'Add an insurance certificate')
      expect(await main(page)).toContain('The file must be a PDF, JPG or PNG, and smaller than 100 MB')
      await page.getByRole('button', { name: 'Add certificate' }).click()
      const summary = page.locator('.govuk-error-summary')
      await summary.waitFor()
      expect(await page.title()).toMatch(/^Error: Add an insurance certificate/)
      for (const text of ['Select the kind of insurance', 'Enter the amount of cover', 'Enter the date the insurance expires', 'Select a certificate to upload']) {
        expect(await summary.textContent()).toContain(text)
      }
      await check(page, 'insurance-add-error')
      // Each line of the summary takes the keyboard to its field, the file input too.
      await summary.getByRole('link', { name: 'Select a certificate to upload' }).click()
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('file')

      // 20 days away, so the list tags it "Expires soon".
      const expires = new Date(Date.now() + 20 * 86_400_000)
      await page.getByLabel('Public liability', { exact: true }).check()
      await page.getByLabel('Amount of cover').fill('5,000,000')
      await page.getByLabel('Day').fill(String(expires.getDate()))
      await page.getByLabel('Month').fill(String(expires.getMonth() + 1))
      await page.getByLabel('Year').fill(String(expires.getFullYear()))
      await page.getByLabel('Upload the certificate').setInputFiles(file)
      await check(page, 'insurance-add')
      await noHorizontalScroll(page, 'insurance-add')
      await page.getByRole('button', { name: 'Add certificate' }).click()
      await waitForH1(page, 'Insurance certificates')
      await page.locator('.govuk-notification-banner--success', { hasText: 'Public liability certificate added' }).waitFor()
      const text = await main(page)
      expect(text).toContain('£5,000,000')
      expect(text).toContain('Expires soon')
      expect(text).toContain(filename)
      await check(page, 'insurance-list')
      await noHorizontalScroll(page, 'insurance-list')

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: filename, exact: true }).click()])
      expect(download.suggestedFilename()).toBe(filename)
      const got = readFileSync(await download.path())
      expect(got.length).toBe(pdf.length)
      expect(got.equals(pdf)).toBe(true)

      await page.getByRole('link', { name: /^Remove/ }).click()
      await waitForH1(page, 'Are you sure you want to remove this public liability certificate?')
      expect(await main(page)).toContain(filename)
      await check(page, 'insurance-remove')
      await page.getByRole('button', { name: 'Remove certificate' }).click()
      await waitForH1(page, 'Insurance certificates')
      await page.locator('.govuk-notification-banner--success', { hasText: 'Public liability certificate removed' }).waitFor()
      expect(await main(page)).toContain('You have not added any insurance certificates yet')
      await check(page, 'insurance-removed')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
