import { TextInput } from '../../../components/text-input/text-input'
import { QuestionPage } from '../question-page'

const title = 'What is your name?'

/** YourName asks the name of the person registering. */
export function YourName() {
  return (
    <QuestionPage
      field="name"
      title={title}
      validate={(v) => (!v ? 'Enter your name' : v.length > 200 ? 'Name must be 200 characters or fewer' : undefined)}
    >
      {(form, error) => (
        <TextInput
          id="name"
          label={title}
          isPageHeading
          labelSize="l"
          hint="We use this when we write to you."
          error={error}
          autoComplete="name"
          spellCheck={false}
          {...form.bind('name')}
        />
      )}
    </QuestionPage>
  )
}
