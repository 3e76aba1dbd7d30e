import { TextInput } from '../../../components/text-input/text-input'
import { QuestionPage } from '../question-page'

const title = 'What is your email address?'

/** validEmail is a loose check: the server decides, this only catches typing slips early. */
export function validEmail(v: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)
}

/** Email asks the email address the person will sign in with. */
export function Email() {
  return (
    <QuestionPage
      field="email"
      title={title}
      validate={(v) =>
        !v
          ? 'Enter your email address'
          : validEmail(v)
            ? undefined
            : 'Enter an email address in the correct format, like name@example.com'
      }
    >
      {(form, error) => (
        <TextInput
          id="email"
          label={title}
          isPageHeading
          labelSize="l"
          hint="We will send you a link to confirm it. You will use it to sign in."
          error={error}
          type="email"
          autoComplete="email"
          spellCheck={false}
          {...form.bind('email')}
        />
      )}
    </QuestionPage>
  )
}
