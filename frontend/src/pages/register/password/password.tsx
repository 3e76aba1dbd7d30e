import { api, call } from '../../../api/client'
import { ApiProblemError } from '../../../api/errors'
import { PasswordInput } from '../../../components/password-input/password-input'
import { QuestionPage } from '../question-page'
import type { Answers } from '../registration'

const title = 'Create a password'

/** MIN_PASSWORD is the shortest password the server accepts. */
export const MIN_PASSWORD = 12

/** passwordError is the message for a password that is too short, or undefined. */
export function passwordError(v: string): string | undefined {
  if (!v) return 'Enter a password'
  if ([...v].length < MIN_PASSWORD) return `Password must be ${MIN_PASSWORD} characters or more`
  return undefined
}

/**
 * passwordRefusal asks the server whether it would refuse the password (too easy to guess, or
 * the person's or organisation's name), and returns its reason, or undefined when it is fine.
 */
export async function passwordRefusal(password: string, who: Partial<Pick<Answers, 'email' | 'name' | 'organisationName'>> = {}): Promise<string | undefined> {
  try {
    await call(api.POST('/api/v1/auth/password-check', { body: { password, ...who } }))
    return undefined
  } catch (err) {
    if (err instanceof ApiProblemError && err.status === 422) {
      return err.problem.errors?.find((e) => e.location === 'body.password')?.message ?? 'Choose a different password'
    }
    throw err
  }
}

/** passwordHint explains what makes a good password. */
export const passwordHint = `Use ${MIN_PASSWORD} characters or more. Three or more random words are easy to remember and hard to guess, for example: purple kettle river walk.`

/** Password asks for the password of the new account. */
export function Password() {
  return (
    <QuestionPage
      field="password"
      title={title}
      validate={passwordError}
      check={(v, a) => passwordRefusal(v, { email: a.email, name: a.name, organisationName: a.organisationName })}
      trim={false}
    >
      {(form, error) => (
        <PasswordInput
          id="password"
          label={title}
          isPageHeading
          labelSize="l"
          hint={passwordHint}
          error={error}
          autoComplete="new-password"
          {...form.bind('password')}
        />
      )}
    </QuestionPage>
  )
}
