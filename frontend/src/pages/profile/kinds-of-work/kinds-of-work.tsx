import { useState } from 'react'
import { Link } from 'react-router'
import { CpvPicker, type CpvCode } from '../../../components/cpv-picker/cpv-picker'
import { useForm } from '../../../forms/use-form'
import { QuestionPage, useQuestion } from '../question'

const title = 'Kinds of work you want to hear about'

/** KindsOfWork lets the supplier choose the CPV codes of the work it wants to be told about. */
export function KindsOfWork() {
  const { draft, initialErrors } = useQuestion('kinds-of-work')
  const form = useForm({}, {}, initialErrors)
  const [chosen, setChosen] = useState<CpvCode[]>(draft.cpv)

  const check = () => {
    if (chosen.length === 0) return [{ field: 'cpv-search', text: 'Choose at least one kind of work. Search for it, then select Add' }]
    return { cpv: chosen }
  }

  return (
    <QuestionPage
      section="kinds-of-work"
      title={title}
      form={form}
      check={check}
      intro={
        <>
          <p className="govuk-body">
            We will tell you about contracts for these kinds of work. Councils describe each contract with{' '}
            <Link className="govuk-link" to="/glossary#cpv-code">
              CPV codes
            </Link>
            : a number for each kind of work, goods or service.
          </p>
          <p className="govuk-body">
            Choose the most specific ones that fit. Choosing a broad one, like ‘Cleaning services’, also tells you about everything
            under it, like ‘Window-cleaning services’.
          </p>
        </>
      }
    >
      <CpvPicker id="cpv-search" chosen={chosen} onChange={setChosen} error={form.errors['cpv-search']} />
    </QuestionPage>
  )
}
