import { TextInput } from '../../../components/text-input/text-input'
import { QuestionPage } from '../question-page'

const title = 'What is your organisation’s name?'

/** OrganisationName asks the organisation's name, the first question of registration. */
export function OrganisationName() {
  return (
    <QuestionPage
      field="organisationName"
      title={title}
      validate={(v) =>
        !v ? 'Enter your organisation’s name' : v.length > 200 ? 'Organisation name must be 200 characters or fewer' : undefined
      }
    >
      {(form, error) => (
        <TextInput
          id="organisationName"
          label={title}
          isPageHeading
          labelSize="l"
          hint="The name you trade under, or the name of your charity or group. If you work for yourself, you can use your own name."
          error={error}
          autoComplete="organization"
          {...form.bind('organisationName')}
        />
      )}
    </QuestionPage>
  )
}
