// The answers of the registration journey, kept while the person moves between
// its question pages. They survive a reload (sessionStorage), except the
// password, which is kept in memory only.
import { createContext, useCallback, useContext, useMemo, useState } from 'react'
import { Outlet } from 'react-router'
import type { FieldErrors } from '../../forms/problem'

/** The answers, named as the register API names them; each field's id is its name. */
export interface Answers {
  organisationName: string
  legalForm: string
  name: string
  email: string
  password: string
}

/** A question page of the journey, in order. */
export interface Step {
  field: keyof Answers
  path: string
  /** What the check answers page calls the answer. */
  key: string
}

/** The question pages, in the order they are asked. */
export const steps: Step[] = [
  { field: 'organisationName', path: 'organisation-name', key: 'Organisation name' },
  { field: 'legalForm', path: 'legal-form', key: 'Type of organisation' },
  { field: 'name', path: 'your-name', key: 'Your name' },
  { field: 'email', path: 'email', key: 'Email address' },
  { field: 'password', path: 'password', key: 'Password' },
]

/** The path of the check your answers page. */
export const CHECK_ANSWERS = '/register/check-answers'

/** stepPath is the address of a question page; change returns to check answers after it. */
export function stepPath(field: keyof Answers, change = false): string {
  const step = steps.find((s) => s.field === field)!
  return `/register/${step.path}${change ? '?change=1' : ''}`
}

/** nextPath is where Continue goes from a question page. */
export function nextPath(field: keyof Answers, change: boolean): string {
  const i = steps.findIndex((s) => s.field === field)
  if (change || i === steps.length - 1) return CHECK_ANSWERS
  return stepPath(steps[i + 1].field)
}

/** backPath is where Back goes from a question page. */
export function backPath(field: keyof Answers, change: boolean): string {
  const i = steps.findIndex((s) => s.field === field)
  if (change) return CHECK_ANSWERS
  return i === 0 ? '/' : stepPath(steps[i - 1].field)
}

/** The journey's state as its pages see it. */
export interface Registration {
  answers: Answers
  setAnswer: (field: keyof Answers, value: string) => void
  /** Errors the server found in the answers, shown on each answer's question page. */
  serverErrors: FieldErrors
  setServerErrors: (errors: FieldErrors) => void
  /** Forgets everything once the account has been created. */
  clear: () => void
}

const STORAGE_KEY = 'app-registration'
const empty: Answers = { organisationName: '', legalForm: '', name: '', email: '', password: '' }

function load(): Answers {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Answers>
    return { ...empty, ...saved, password: '' }
  } catch {
    return empty
  }
}

function save(a: Answers) {
  try {
    const { password: _, ...rest } = a
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(rest))
  } catch {
    // Private browsing may refuse storage; the journey still works until a reload.
  }
}

const RegistrationContext = createContext<Registration | undefined>(undefined)

/** RegistrationProvider holds the journey's answers for every page under it. */
export function RegistrationProvider({ children, initial }: { children: React.ReactNode; initial?: Partial<Answers> }) {
  const [answers, setAnswers] = useState<Answers>(() => ({ ...load(), ...initial }))
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})

  const setAnswer = useCallback((field: keyof Answers, value: string) => {
    setAnswers((a) => {
      const next = { ...a, [field]: value }
      save(next)
      return next
    })
    setServerErrors(({ [field]: _, ...rest }) => rest)
  }, [])

  const clear = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY)
    setAnswers(empty)
    setServerErrors({})
  }, [])

  const value = useMemo(
    () => ({ answers, setAnswer, serverErrors, setServerErrors, clear }),
    [answers, setAnswer, serverErrors, clear],
  )
  return <RegistrationContext.Provider value={value}>{children}</RegistrationContext.Provider>
}

/** RegistrationLayout is the route element that wraps every register page. */
export function RegistrationLayout() {
  return (
    <RegistrationProvider>
      <Outlet />
    </RegistrationProvider>
  )
}

/** useRegistration returns the journey's state; it must be inside RegistrationProvider. */
export function useRegistration(): Registration {
  const r = useContext(RegistrationContext)
  if (!r) throw new Error('register: useRegistration outside RegistrationProvider')
  return r
}
