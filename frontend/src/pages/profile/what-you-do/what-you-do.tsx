import { Link } from 'react-router'
import { Radios } from '../../../components/radios/radios'
import { Textarea } from '../../../components/textarea/textarea'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import type { YesNo } from '../draft'
import { QuestionPage, useQuestion } from '../question'

const title = 'What your organisation does'
const yesNo = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
]

/**
 * WhatYouDo asks what the organisation does in its own words, and the three
 * questions that, with the legal form, decide whether it counts as a VCSE.
 */
export function WhatYouDo() {
  const { draft, initialErrors } = useQuestion('what-you-do')
  const form = useForm(
    {
      description: draft.description,
      employeeOwned: draft.employeeOwned as string,
      socialEnterprise: draft.socialEnterprise as string,
      assetLock: draft.assetLock as string,
    },
    {},
    initialErrors,
  )
  const v = form.values

  const check = () => {
    const errors: SummaryError[] = []
    if (!v.description.trim()) errors.push({ field: 'description', text: 'Tell us what your organisation does, in a few sentences' })
    else if ([...v.description].length > 2000) errors.push({ field: 'description', text: 'Description must be 2,000 characters or fewer' })
    if (!v.employeeOwned) errors.push({ field: 'employeeOwned', text: 'Select yes if your organisation is employee-owned' })
    if (!v.socialEnterprise) errors.push({ field: 'socialEnterprise', text: 'Select yes if your organisation is a social enterprise' })
    if (!v.assetLock) errors.push({ field: 'assetLock', text: 'Select yes if your organisation has an asset lock' })
    if (errors.length) return errors
    return {
      description: v.description,
      employeeOwned: v.employeeOwned as YesNo,
      socialEnterprise: v.socialEnterprise as YesNo,
      assetLock: v.assetLock as YesNo,
    }
  }

  return (
    <QuestionPage section="what-you-do" title={title} form={form} check={check}>
      <Textarea
        id="description"
        label="Describe what your organisation does"
        labelSize="m"
        hint="In your own words, in a few sentences. Council buyers read this when they look for suppliers, so say what you do and where."
        error={form.errors.description}
        maxLength={2000}
        value={v.description}
        onChange={(e) => form.set('description', e.target.value)}
      />
      <Radios
        id="employeeOwned"
        legend="Is your organisation employee-owned?"
        legendSize="m"
        hint={
          <>
            Most of it is owned by the people who work in it, directly or through a trust.{' '}
            <Link className="govuk-link" to="/glossary#employee-owned">
              What employee-owned means
            </Link>
          </>
        }
        error={form.errors.employeeOwned}
        items={yesNo}
        inline
        value={v.employeeOwned}
        onChange={(x) => form.set('employeeOwned', x)}
      />
      <Radios
        id="socialEnterprise"
        legend="Is your organisation a social enterprise?"
        legendSize="m"
        hint={
          <>
            A business whose main purpose is social or environmental, and which spends most of its profits on that purpose.{' '}
            <Link className="govuk-link" to="/glossary#social-enterprise">
              What a social enterprise is
            </Link>
          </>
        }
        error={form.errors.socialEnterprise}
        items={yesNo}
        inline
        value={v.socialEnterprise}
        onChange={(x) => form.set('socialEnterprise', x)}
      />
      <Radios
        id="assetLock"
        legend="Does your organisation have an asset lock?"
        legendSize="m"
        hint={
          <>
            A rule in your constitution or articles of association that stops your assets and profits being given away or sold for
            private gain, so they stay with your social purpose. Community interest companies and charities have one by law.{' '}
            <Link className="govuk-link" to="/glossary#asset-lock">
              What an asset lock is
            </Link>
          </>
        }
        error={form.errors.assetLock}
        items={yesNo}
        inline
        value={v.assetLock}
        onChange={(x) => form.set('assetLock', x)}
      />
      <p className="govuk-body">
        A social enterprise with an asset lock counts as a{' '}
        <Link className="govuk-link" to="/glossary#vcse">
          VCSE
        </Link>{' '}
        (voluntary, community or social enterprise organisation), as do charities, community interest companies, co-operatives and
        community groups.
      </p>
    </QuestionPage>
  )
}
