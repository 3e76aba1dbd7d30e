import { useState } from 'react'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { Textarea } from '../../../components/textarea/textarea'
import { useForm } from '../../../forms/use-form'
import { knownAccreditations, otherAccreditationList } from '../draft'
import { QuestionPage, useQuestion } from '../question'

const title = 'Accreditations'

/** Accreditations asks which well-known accreditations the organisation holds, and any others. */
export function Accreditations() {
  const { draft, initialErrors } = useQuestion('accreditations')
  const form = useForm({ otherAccreditations: draft.otherAccreditations }, {}, initialErrors)
  const [ticked, setTicked] = useState(draft.accreditations)

  const check = () => {
    const long = otherAccreditationList(form.values.otherAccreditations).find((a) => [...a].length > 100)
    if (long) return [{ field: 'otherAccreditations', text: 'Each accreditation must be 100 characters or fewer' }]
    return { accreditations: ticked, otherAccreditations: form.values.otherAccreditations }
  }

  return (
    <QuestionPage
      section="accreditations"
      title={title}
      form={form}
      check={check}
      intro={
        <p className="govuk-body">
          Buyers can look for suppliers with these. This page is optional: if you have none, select Continue.
        </p>
      }
    >
      <Checkboxes
        id="accreditations"
        legend="Which of these does your organisation hold?"
        legendSize="m"
        hint="Select all that apply."
        error={form.errors.accreditations}
        items={knownAccreditations.map((a) => ({ value: a.value, label: a.value, hint: a.hint }))}
        values={ticked}
        onChange={setTicked}
      />
      <Textarea
        id="otherAccreditations"
        label="Other accreditations (optional)"
        labelSize="m"
        hint="Put each one on a new line, for example Investors in People."
        error={form.errors.otherAccreditations}
        rows={3}
        value={form.values.otherAccreditations}
        onChange={(e) => form.set('otherAccreditations', e.target.value)}
      />
    </QuestionPage>
  )
}
