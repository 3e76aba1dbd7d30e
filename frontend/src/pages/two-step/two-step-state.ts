// What the two-step verification pages share: where a sign-in goes next, what
// they pass each other through navigation state, and the answers to problems
// that mean the same on every page.
import type { NavigateFunction } from 'react-router'
import type { ProblemHandler } from '../../forms/use-form'
import { waitMessage, type SignInState } from '../account/sign-in/sign-in'

/** Where the two-step verification section of the account pages is. */
export const TWO_STEP_PATH = '/account/two-step-verification'

/** What the recovery codes page is given: the codes, shown once, and where to go after. */
export interface RecoveryCodesState {
  codes: string[]
  next: string
}

/** What the two-step verification page may be told through navigation state. */
export interface TwoStepNotice {
  notice?: string
}

/** nextOf is where a sign-in goes once it is finished: the page asked for, or the account page. */
export function nextOf(state: SignInState): string {
  return state.next?.startsWith('/') ? state.next : '/account'
}

/** normaliseCode drops the spaces and hyphens people type or paste inside a code. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '')
}

/** codeError checks an authenticator code before it is sent, with the server's words. */
export function codeError(code: string): string | undefined {
  if (!code) return 'Enter the 6-digit code from your authenticator app'
  if (!/^\d{6}$/.test(code)) return 'The code must be 6 digits, like 123456'
  return undefined
}

/**
 * halfSignInProblem answers the problems of the sign-in's second step: when the
 * half sign-in has timed out (401) the person goes back to sign in again, and
 * too many wrong codes (429) say how long to wait.
 */
export function halfSignInProblem(navigate: NavigateFunction, state: SignInState): ProblemHandler {
  return (err) => {
    if (err.status === 401) {
      const back: SignInState = { next: state.next, warning: 'Your sign-in timed out. Sign in again.' }
      navigate('/sign-in', { state: back, replace: true })
      return { summary: [] }
    }
    return tooManyTries(err)
  }
}

/** tooManyTries answers a 429 (too many wrong codes or passwords) with how long to wait. */
export const tooManyTries: ProblemHandler = (err) =>
  err.status === 429 ? { summary: [{ text: `You have tried too many times. Wait ${waitMessage(err.retryAfter)} and try again.` }] } : undefined
