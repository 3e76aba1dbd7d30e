// Errors the API client raises, so that pages can tell "the service is down"
// (show the service problem page, keep what was typed) from "the server said no"
// (show the server's message against the fields it names).

/** One field problem in an RFC 9457 body, in huma's ErrorModel shape. */
export interface ProblemDetail {
  message?: string
  location?: string
  value?: unknown
}

/** An RFC 9457 problem+json body as the Fairtender API sends it. */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  errors?: ProblemDetail[] | null
}

/**
 * ServiceUnavailableError means the service could not answer: the network failed,
 * the server is down, or it failed with a 5xx. The person can only try again later.
 */
export class ServiceUnavailableError extends Error {
  /** HTTP status when the server answered (5xx), or 0 when nothing answered. */
  readonly status: number

  constructor(status: number, options?: ErrorOptions) {
    super(status ? `api: the service failed with status ${status}` : 'api: the service could not be reached', options)
    this.name = 'ServiceUnavailableError'
    this.status = status
  }
}

/** ApiProblemError is a 4xx answer: the server understood and said no, and why. */
export class ApiProblemError extends Error {
  readonly status: number
  readonly problem: Problem
  /** Seconds to wait before trying again, from a 429's Retry-After header. */
  readonly retryAfter?: number

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(`api: ${status} ${problem.title ?? ''}${problem.detail ? `: ${problem.detail}` : ''}`)
    this.name = 'ApiProblemError'
    this.status = status
    this.problem = problem
    this.retryAfter = retryAfter
  }
}

/** isServiceUnavailable reports whether err means the service could not answer. */
export function isServiceUnavailable(err: unknown): err is ServiceUnavailableError {
  return err instanceof ServiceUnavailableError
}

/** isProblem reports whether err is a 4xx answer, optionally with the given status. */
export function isProblem(err: unknown, status?: number): err is ApiProblemError {
  return err instanceof ApiProblemError && (status === undefined || err.status === status)
}
