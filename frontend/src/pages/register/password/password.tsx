import { PasswordInput } from '../../../components/password-input/password-input'
import { QuestionPage } from '../question-page'

const title = 'Create a password'

/** MIN_PASSWORD is the shortest password the server accepts. */
export const MIN_PASSWORD = 12

/** passwordError is the message for a password that is too short, or undefined. */
export function passwordError(v: string): string | undefined {
  if (!v) return 'Enter a password'
  if ([...v].length < MIN_PASSWORD) return `Password must be ${MIN_PASSWORD} characters or more`
  return undefined
}

/** passwordHint explains what makes a good password. */
export const passwordHint = `Use ${MIN_PASSWORD} characters or more. Three or more random words are easy to remember and hard to guess, for example: purple kettle river walk.`

/** Password asks for the password of the new account. */
export function Password() {
  return (
    <QuestionPage field="password" title={title} validate={passwordError} trim={false}>
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
