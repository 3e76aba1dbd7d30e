// useForm holds a form's values and errors across submissions, so what the person
// typed survives an error, and sends the submission through one path that knows
// the three outcomes: success, the server said no, the service is down.
import { useCallback, useState, type ChangeEvent } from 'react'
import { isProblem, isServiceUnavailable, type ApiProblemError } from '../api/errors'
import { problemToErrors, type FieldErrors, type ProblemMessages, type SummaryError } from './problem'

/** What the page tells useForm about a failed submission it wants to handle itself. */
export type ProblemHandler = (err: ApiProblemError) => { fields?: FieldErrors; summary: SummaryError[] } | undefined

/** The state and helpers a form page gets from useForm. */
export interface Form<V extends Record<string, string>> {
  values: V
  errors: FieldErrors
  summary: SummaryError[]
  /** Grows by one on every failed submission, so the error summary takes focus each time. */
  attempt: number
  submitting: boolean
  /** True after the service could not answer: the page shows the service problem instead of the form. */
  serviceDown: boolean
  set: (name: keyof V, value: string) => void
  /** onChange handler for an input whose name attribute is the field name. */
  bind: (name: keyof V) => { value: string; onChange: (e: ChangeEvent<HTMLInputElement>) => void }
  /** Shows errors found before sending (required fields and the like). */
  fail: (summary: SummaryError[]) => void
  /**
   * submit runs send; on a 4xx it shows the problem's errors; when the service is
   * down it sets serviceDown. It resolves to whether send succeeded.
   */
  submit: (send: () => Promise<void>, onProblem?: ProblemHandler) => Promise<boolean>
  /** Back to the form from the service problem page, answers kept. */
  retry: () => void
}

/**
 * useForm manages one form; messages gives plain-English text per field, and
 * initialErrors are shown from the start (errors found on another page).
 */
export function useForm<V extends Record<string, string>>(
  initial: V,
  messages: ProblemMessages = {},
  initialErrors: SummaryError[] = [],
): Form<V> {
  const [values, setValues] = useState<V>(initial)
  const [errors, setErrors] = useState<FieldErrors>(() => fieldsOf(initialErrors))
  const [summary, setSummary] = useState<SummaryError[]>(initialErrors)
  const [attempt, setAttempt] = useState(0)
  const [submitting, setSubmitting] = useState(false)
  const [serviceDown, setServiceDown] = useState(false)

  const set = useCallback((name: keyof V, value: string) => setValues((v) => ({ ...v, [name]: value })), [])

  const fail = useCallback((lines: SummaryError[]) => {
    setErrors(fieldsOf(lines))
    setSummary(lines)
    setAttempt((a) => a + 1)
  }, [])

  const submit = async (send: () => Promise<void>, onProblem?: ProblemHandler) => {
    if (submitting) return false
    setSubmitting(true)
    try {
      await send()
      setErrors({})
      setSummary([])
      return true
    } catch (err) {
      if (isServiceUnavailable(err)) {
        setServiceDown(true)
      } else if (isProblem(err)) {
        const handled = onProblem?.(err)
        if (handled) {
          setErrors(handled.fields ?? {})
          setSummary(handled.summary)
          setAttempt((a) => a + 1)
        } else {
          const mapped = problemToErrors(err.problem, messages)
          setErrors(mapped.fields)
          setSummary(mapped.summary)
          setAttempt((a) => a + 1)
        }
      } else {
        throw err
      }
      return false
    } finally {
      setSubmitting(false)
    }
  }

  return {
    values,
    errors,
    summary,
    attempt,
    submitting,
    serviceDown,
    set,
    bind: (name) => ({ value: values[name], onChange: (e) => set(name, e.target.value) }),
    fail,
    submit,
    retry: () => setServiceDown(false),
  }
}

function fieldsOf(lines: SummaryError[]): FieldErrors {
  const fields: FieldErrors = {}
  for (const l of lines) if (l.field && !(l.field in fields)) fields[l.field] = l.text
  return fields
}

/** required returns a summary line for each named field whose value is blank. */
export function required<V extends Record<string, string>>(
  values: V,
  messages: Partial<Record<keyof V & string, string>>,
): SummaryError[] {
  const lines: SummaryError[] = []
  for (const [field, text] of Object.entries(messages) as [keyof V & string, string][]) {
    if (!values[field]?.trim()) lines.push({ field, text })
  }
  return lines
}
