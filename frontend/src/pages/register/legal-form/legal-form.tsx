import { Radios } from '../../../components/radios/radios'
import { QuestionPage } from '../question-page'
import { legalForms } from '../../../lib/labels'

const title = 'What type of organisation is it?'

/** LegalForm asks what type of organisation is registering. */
export function LegalForm() {
  return (
    <QuestionPage
      field="legalForm"
      title={title}
      validate={(v) => (legalForms.some((f) => f.value === v) ? undefined : 'Select what type of organisation it is')}
    >
      {(form, error) => (
        <Radios
          id="legalForm"
          legend={title}
          isPageHeading
          legendSize="l"
          hint="If you are not sure, choose the closest. You can change it later."
          error={error}
          items={legalForms}
          value={form.values.legalForm}
          onChange={(v) => form.set('legalForm', v)}
        />
      )}
    </QuestionPage>
  )
}
