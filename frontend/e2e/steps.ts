// Helpers every journey file shares: steps that stop at the first failure, and waits for what a
// person would see (a page's heading, its address).
import type { Page } from 'playwright-core'
import { it, type TestContext } from 'vitest'

/**
 * steps returns the `step` of one journey: like `it`, but once a step fails the later ones are
 * skipped with the name of the one that failed, because each builds on the one before.
 */
export function steps(): (name: string, fn: () => Promise<void>) => void {
  let broken = ''
  return (name, fn) => {
    it(name, async (ctx: TestContext) => {
      if (broken) ctx.skip(`an earlier step failed: ${broken}`)
      try {
        await fn()
      } catch (err) {
        broken = name
        throw err
      }
    })
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
