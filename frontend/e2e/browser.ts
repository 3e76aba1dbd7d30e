// The browser side of the e2e harness: Debian's Chromium through playwright-core,
// an axe check and a screenshot of every page state, and a reader for Mailpit.
import AxeBuilder from '@axe-core/playwright'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url))

/** The flags every e2e Chromium runs with: headless, offline from Google's services. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A running browser with one page and a fresh profile, removed on close. */
export interface Browser {
  context: BrowserContext
  page: Page
  close: () => Promise<void>
}

/** Options for launch. */
export interface LaunchOptions {
  /**
   * Starts every screenshot's name, so that each journey (each e2e file) keeps
   * its own: "supplier-03-profile.png". The account journey has none.
   */
  prefix?: string
  /** Removes the journey's screenshots from an earlier run first (the default); false for a second browser. */
  clean?: boolean
}

/**
 * launch starts Chromium with a fresh user-data-dir (so each launch is a
 * separate person, with its own cookies and storage) and clears the journey's
 * old screenshots.
 */
export async function launch({ prefix = '', clean = true }: LaunchOptions = {}): Promise<Browser> {
  shotPrefix = prefix ? `${prefix}-` : ''
  mkdirSync(screenshots, { recursive: true })
  if (clean) {
    const mine = new RegExp(`^${shotPrefix}\\d{2,}-.*\\.png$`)
    for (const f of readdirSync(screenshots)) if (mine.test(f)) rmSync(join(screenshots, f), { force: true })
  }
  const profile = mkdtempSync(join(tmpdir(), 'fairtender-e2e-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1024, height: 768 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    extraHTTPHeaders: { 'X-Forwarded-For': personAddress() },
  })
  context.setDefaultTimeout(15_000)
  const page = context.pages()[0] ?? (await context.newPage())
  // A script error or a blocked resource is a bug even when the page looks right.
  page.on('pageerror', (err) => pageProblems.push(`uncaught error: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Uncaught/i.test(msg.text())) pageProblems.push(msg.text())
  })
  return {
    context,
    page,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/**
 * personAddress is a new client address for one person (a browser, or a sign-in without one), at
 * random from the IPv6 range set aside for documentation, so that files running side by side
 * never share one. The e2e server reads X-Forwarded-For, so each person has their own per-address
 * limits, as people do, and the whole run does not share those of 127.0.0.1.
 */
export function personAddress(): string {
  const b = randomBytes(8).toString('hex').match(/.{4}/g)!
  return `2001:db8:${b.join(':')}::1`
}

let shot = 0
let shotPrefix = ''
const pageProblems: string[] = []

/** The WCAG levels every page must meet. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']

/**
 * check runs axe on the page as it is now and saves a screenshot named for the
 * state. It throws, listing each violation and where, if axe finds any, or if
 * the browser reported a script error or a Content Security Policy violation.
 */
export async function check(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load')
  shot++
  await page.screenshot({ path: join(screenshots, `${shotPrefix}${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true })
  if (pageProblems.length) {
    const found = pageProblems.splice(0).join('\n')
    throw new Error(`the browser reported problems before "${name}" (${page.url()}):\n${found}`)
  }
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
  if (result.violations.length) {
    const lines = result.violations.map(
      (v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
    )
    throw new Error(`axe found ${result.violations.length} violation(s) on "${name}" (${page.url()}):\n${lines.join('\n')}`)
  }
}

/** noHorizontalScroll throws if the page is wider than a 320 px screen. */
export async function noHorizontalScroll(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()
  await page.setViewportSize({ width: 320, height: 640 })
  try {
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }))
    if (scroll > client) throw new Error(`"${name}" scrolls sideways at 320 px: content is ${scroll} px wide`)
    shot++
    await page.screenshot({ path: join(screenshots, `${shotPrefix}${String(shot).padStart(2, '0')}-${name}-320px.png`), fullPage: true })
  } finally {
    if (size) await page.setViewportSize(size)
  }
}

interface MailpitSummary {
  ID: string
  Subject: string
  To: { Address: string }[]
}

/**
 * linkFromEmail waits for the newest email to `to` whose subject matches and
 * returns the first link in it that starts with `prefix`.
 */
export async function linkFromEmail(mailpit: string, to: string, subject: RegExp, prefix: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const linkRe = new RegExp(`${escaped}[^\\s"'<>]+`)
  let seen = 'none'
  while (Date.now() < deadline) {
    const res = await fetch(`${mailpit}/api/v1/search?query=${encodeURIComponent(`to:"${to}"`)}`)
    if (res.ok) {
      const { messages = [] } = (await res.json()) as { messages?: MailpitSummary[] }
      seen = messages.map((m) => m.Subject).join(', ') || 'none'
      const match = messages.find((m) => subject.test(m.Subject))
      if (match) {
        const msg = (await (await fetch(`${mailpit}/api/v1/message/${match.ID}`)).json()) as { Text?: string; HTML?: string }
        const found = (msg.Text ?? '').match(linkRe) ?? (msg.HTML ?? '').replace(/&amp;/g, '&').match(linkRe)
        if (found) return found[0]
        throw new Error(`e2e: the email "${match.Subject}" to ${to} has no link starting ${prefix}`)
      }
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`e2e: no email to ${to} matching ${subject} within ${timeoutMs / 1000}s (subjects seen: ${seen})`)
}
