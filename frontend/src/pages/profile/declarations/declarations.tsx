import type { FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { Textarea } from '../../../components/textarea/textarea'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { formatDate } from '../../../format/dates'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { useProfile } from '../profile-state'
import type { ProfileNotice } from '../your-profile/your-profile'

const title = 'Ethical standards'

/** Where the glossary explains a standard, for someone deciding how to answer. */
const explained: Record<string, string> = {
  london_living_wage: '/glossary#london-living-wage',
  ethical_care_charter: '/glossary#unison-ethical-care-charter',
  end_violence_at_work: '/glossary#end-violence-at-work-charter',
  safer_urban_driving: '/glossary#safer-urban-driving',
}

/** answerId and evidenceId are the field ids the API's problems point at: declarations[i].answer. */
export const answerId = (i: number) => `declarations-${i}-answer`
export const evidenceId = (i: number) => `declarations-${i}-evidence`

/**
 * Declarations asks, on one page, whether the organisation meets each of the
 * council's ethical standards: yes or no, or "does not apply" where a standard
 * is only for some suppliers (care providers, fleet operators), with optional
 * evidence. It shows who declared each answer and when.
 */
export function Declarations() {
  const profile = useProfile()
  const navigate = useNavigate()
  const decls = profile.view.declarations
  const initial: Record<string, string> = {}
  decls.forEach((d, i) => {
    initial[answerId(i)] = d.answer
    initial[evidenceId(i)] = d.evidence
  })
  const form = useForm(initial)

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing: SummaryError[] = decls.flatMap((d, i) =>
      form.values[answerId(i)] ? [] : [{ field: answerId(i), text: `Select an answer for ${d.title}` }],
    )
    if (missing.length) return form.fail(missing)
    const ok = await form.submit(async () => {
      await call(
        api.PUT('/api/v1/supplier/declarations', {
          params: { query: { organisationId: profile.view.organisationId } },
          body: {
            declarations: decls.map((d, i) => ({
              standard: d.standard,
              answer: form.values[answerId(i)],
              evidence: form.values[evidenceId(i)].trim(),
            })),
          },
        }),
      )
      await profile.refresh()
    })
    if (ok) {
      const state: ProfileNotice = { notice: 'Your declarations have been saved' }
      navigate('/profile', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/profile">Back to your profile</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">Your organisation’s profile</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            The council asks every supplier whether it meets these standards. Council buyers see your answers, and some contracts will
            only be open to suppliers who meet a standard.
          </p>
          <p className="govuk-body">Answer honestly: the council may ask you to show evidence.</p>
          <form noValidate onSubmit={onSubmit}>
            {decls.map((d, i) => (
              <div key={d.standard} className="govuk-!-margin-bottom-8">
                <h2 className="govuk-heading-m">{d.title}</h2>
                {explained[d.standard] && (
                  <p className="govuk-body">
                    <Link className="govuk-link" to={explained[d.standard]}>
                      What the {d.title} is
                    </Link>
                  </p>
                )}
                <Radios
                  id={answerId(i)}
                  legend={d.question}
                  legendSize="s"
                  hint={d.notApplicableAllowed ? 'This standard does not apply to every organisation, for example one with no staff.' : undefined}
                  error={form.errors[answerId(i)]}
                  items={[
                    { value: 'yes', label: 'Yes' },
                    { value: 'no', label: 'No' },
                    ...(d.notApplicableAllowed ? [{ value: 'not_applicable', label: 'This does not apply to us' }] : []),
                  ]}
                  value={form.values[answerId(i)]}
                  onChange={(x) => form.set(answerId(i), x)}
                />
                <Textarea
                  id={evidenceId(i)}
                  label={
                    <>
                      Evidence (optional)<span className="govuk-visually-hidden"> for {d.title}</span>
                    </>
                  }
                  hint="A link or a sentence, for example your accreditation number or a policy on your website."
                  error={form.errors[evidenceId(i)]}
                  rows={2}
                  value={form.values[evidenceId(i)]}
                  onChange={(e) => form.set(evidenceId(i), e.target.value)}
                />
                {d.declaredAt && (
                  <p className="govuk-body-s app-secondary-text">
                    Declared by {d.declaredBy || 'a member of your organisation'} on {formatDate(d.declaredAt)}.
                  </p>
                )}
              </div>
            ))}
            <Button busy={form.submitting}>Save declarations</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
