// A phone's view of the service, in a real browser against the real server: the signed-in
// navigation folds behind the GOV.UK "Menu" button and opens from the keyboard; "Apply filters"
// brings the results heading into view and focus; and the search and start pages keep still as
// their data arrives (cumulative layout shift under 0.1, Chromium's own "layout-shift" entries).
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'
import { check, launch, type Browser } from './browser'
import { apiCall, apiSignIn, londonDay } from './api'
import { steps, waitForH1, waitForPath } from './steps'

const skipReason = inject('skipReason')
const baseURL = inject('baseURL')
const runId = inject('runId')
const staff = inject('staff')
const staffPassword = inject('staffPassword')

const PHONE = { width: 375, height: 667 }
const DESKTOP = { width: 1024, height: 768 }
// A made-up word only this run's opportunities have.
const word = `zp${runId}`
// Enough results to fill more than a phone's screen, as a real search does.
const RESULTS = 6

let browser: Browser
let page: Page

const step = steps()

/**
 * layoutShift opens path in a new tab of the browser at a phone's size, waits until `ready` is
 * on the page and a moment more, and returns the page's cumulative layout shift: the sum of the
 * "layout-shift" entries not caused by input, as Chromium reports them from the first paint.
 */
async function layoutShift(path: string, ready: (p: Page) => Promise<void>): Promise<{ cls: number; sources: string[] }> {
  const tab = await browser.context.newPage()
  try {
    await tab.setViewportSize(PHONE)
    await tab.addInitScript(() => {
      const w = window as unknown as { __cls: number; __sources: string[] }
      w.__cls = 0
      w.__sources = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
          if (e.hadRecentInput) continue
          w.__cls += e.value
          for (const s of e.sources ?? []) {
            const n = s.node as Element | undefined
            w.__sources.push(`${e.value.toFixed(3)} ${n?.nodeName ?? '?'}.${n?.className ?? ''} ${(n?.textContent ?? '').slice(0, 40)}`)
          }
        }
      }).observe({ type: 'layout-shift', buffered: true })
    })
    await tab.goto(`${baseURL}${path}`)
    await ready(tab)
    // Late arrivals (the site's settings, the session) have had their chance to move things.
    await tab.waitForLoadState('networkidle')
    await tab.waitForTimeout(500)
    return await tab.evaluate(() => {
      const w = window as unknown as { __cls: number; __sources: string[] }
      return { cls: w.__cls, sources: w.__sources }
    })
  } finally {
    await tab.close()
  }
}

describe.skipIf(Boolean(skipReason))('on a phone', () => {
  beforeAll(async () => {
    browser = await launch({ prefix: 'phone' })
    page = browser.page
  })

  afterAll(async () => {
    await browser?.close()
  })

  step('a buyer publishes opportunities through the API', async () => {
    const buyer = await apiSignIn(staff.searchBuyer, staffPassword)
    for (let i = 1; i <= RESULTS; i++) {
      const draft = await apiCall<{ id: string }>(buyer, 'POST', '/api/v1/opportunities', {
        title: `Hedge cutting in cemetery ${i} ${word}`,
        summary: 'Cut and shape the hedges along the paths twice a year, and take the cuttings away for composting.',
        description: 'The cemeteries are listed in the specification.',
        procedure: 'quick_quote',
        estimatedValuePence: 1_500_000 + i * 100_000,
        contractMonths: 12,
        placeOfDelivery: 'E09000019',
        reserved: 'none',
        suitableForSmes: true,
        suitableForVcses: i % 2 === 0,
        cpvCodes: ['77310000-6'],
        criteria: [
          { name: 'Price', kind: 'price', weightBp: 4000 },
          { name: 'How you will do the work', kind: 'quality', weightBp: 4000 },
          { name: 'Local jobs and training', kind: 'social_value', weightBp: 2000 },
        ],
        clarificationDeadline: `${londonDay(14)}T12:00`,
        submissionDeadline: `${londonDay(21 + i)}T12:00`,
        expectedAwardOn: londonDay(50),
      })
      await apiCall(buyer, 'POST', `/api/v1/opportunities/${draft.id}/publish`)
    }
  })

  step('the signed-in navigation folds behind "Menu" and opens from the keyboard', async () => {
    await page.setViewportSize(PHONE)
    await page.goto(`${baseURL}/sign-in`)
    await waitForH1(page, 'Sign in')
    await page.getByLabel('Email address').fill(staff.searchBuyer)
    await page.getByLabel('Password', { exact: true }).fill(staffPassword)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await waitForPath(page, /^\/(account|buying)/)
    const nav = page.getByRole('navigation', { name: 'Menu' })
    const menu = nav.getByRole('button', { name: 'Menu' })
    const yours = nav.getByRole('link', { name: 'Your opportunities' })
    await menu.waitFor()
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await yours.isVisible()).toBe(false)
    expect(await nav.getByRole('link', { name: 'Sign out' }).isVisible()).toBe(false)
    await check(page, 'menu-folded')

    await menu.focus()
    await page.keyboard.press('Enter')
    expect(await menu.getAttribute('aria-expanded')).toBe('true')
    await yours.waitFor({ state: 'visible' })
    await check(page, 'menu-open')
    // The links follow the button in the tab order.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Find opportunities')
    await yours.focus()
    await page.keyboard.press('Enter')
    await waitForH1(page, 'Your opportunities')
    // The next page starts folded, as a page load would.
    expect(await menu.getAttribute('aria-expanded')).toBe('false')
    expect(await yours.isVisible()).toBe(false)

    await page.keyboard.press('Escape')
    await menu.focus()
    await page.keyboard.press('Space')
    await yours.waitFor({ state: 'visible' })
    await page.keyboard.press('Space')
    await yours.waitFor({ state: 'hidden' })

    // From tablet width the links are in view and there is no button.
    await page.setViewportSize(DESKTOP)
    await yours.waitFor({ state: 'visible' })
    expect(await menu.isVisible()).toBe(false)
  })

  for (const [name, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    step(`on a ${name}, "Apply filters" moves to the results heading and focuses it`, async () => {
      await page.setViewportSize(size)
      try {
        await page.goto(`${baseURL}/opportunities?q=${word}`)
        await page.getByRole('heading', { name: `${RESULTS} opportunities` }).waitFor()
        if (name === 'phone') await page.locator('summary', { hasText: 'Filter results' }).click()
        await page.getByLabel('Suitable for VCSEs').check()
        const apply = page.getByRole('button', { name: 'Apply filters' })
        await apply.click()
        await page.waitForURL((u) => u.searchParams.get('suitableForVcses') === 'true')
        const heading = page.getByRole('heading', { name: `${RESULTS / 2} opportunities` })
        await heading.waitFor()
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results-count')
        expect(await heading.getAttribute('tabindex')).toBe('-1')
        const box = (await heading.boundingBox())!
        // In view (scrolled to the top of the screen, give or take a fraction of a pixel).
        expect(box.y).toBeGreaterThan(-1)
        expect(box.y + box.height).toBeLessThanOrEqual(size.height)
        await check(page, `filtered-focus-${name}`)
      } finally {
        await page.setViewportSize(DESKTOP)
      }
    })
  }

  step('the search page keeps still as its results arrive', async () => {
    const { cls, sources } = await layoutShift(`/opportunities?q=${word}`, async (p) => {
      await p.getByRole('heading', { name: `${RESULTS} opportunities` }).waitFor()
    })
    console.log(`e2e: search page layout shift ${cls.toFixed(3)}\n  ${sources.join('\n  ')}`)
    expect(cls).toBeLessThan(0.1)
  })

  step('the start page keeps still as the council’s settings arrive', async () => {
    const { cls, sources } = await layoutShift('/', async (p) => {
      await waitForH1(p, /./)
    })
    console.log(`e2e: start page layout shift ${cls.toFixed(3)}\n  ${sources.join('\n  ')}`)
    expect(cls).toBeLessThan(0.1)
  })
})
