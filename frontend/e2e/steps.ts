// Helpers every journey file shares: steps that stop at the first failure, waits for what a
// person would see (a page's heading, its address), signing in and moving with the Tab key.
import type { Page } from 'playwright-core'
import { inject, it, type TestContext } from 'vitest'

/**
 * steps returns the `step` of one journey: like `it`, but once a step fails the later ones are
 * skipped with the name of the one that failed, because each builds on the one before. A step
 * that takes longer than the file's test timeout (a large upload) gives its own, in milliseconds.
 */
export function steps(): (name: string, fn: () => Promise<void>, timeout?: number) => void {
  let broken = ''
  return (name, fn, timeout) => {
    it(name, async (ctx: TestContext) => {
      if (broken) ctx.skip(`an earlier step failed: ${broken}`)
      try {
        await fn()
      } catch (err) {
        broken = name
        throw err
      }
    }, timeout)
  }
}

/** waitForH1 waits until the page's main heading shows text. */
export async function waitForH1(p: Page, text: string | RegExp): Promise<void> {
  await p.locator('#main-content h1', { hasText: text }).first().waitFor()
}

/** waitForPath waits until the browser is at path (or a path matching it). */
export async function waitForPath(p: Page, path: string | RegExp): Promise<void> {
  await p.waitForURL((u) => (typeof path === 'string' ? u.pathname === path : path.test(u.pathname)))
}

/** signIn signs in on the sign-in page as a person would; the caller waits for where it leads. */
export async function signIn(p: Page, who: string, pw: string): Promise<void> {
  await p.goto(`${inject('baseURL')}/sign-in`)
  await waitForH1(p, 'Sign in')
  await p.getByLabel('Email address').fill(who)
  await p.getByLabel('Password', { exact: true }).fill(pw)
  await p.getByRole('button', { name: 'Sign in' }).click()
}

/** tabTo presses Tab until the focused element is the named link or button, as a keyboard user would. */
export async function tabTo(p: Page, text: string, most = 60): Promise<void> {
  for (let i = 0; i < most; i++) {
    await p.keyboard.press('Tab')
    const focused = await p.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '')
    if (focused === text) return
  }
  throw new Error(`e2e: "${text}" was not reached with the Tab key`)
}
