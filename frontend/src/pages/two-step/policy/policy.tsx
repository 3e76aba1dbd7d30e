import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { api, call, type TwoStepPolicy } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { useForm } from '../../../forms/use-form'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'

type StaffRole = TwoStepPolicy['roles'][number]['role']

/** The staff roles, as the policy page names them. */
export const roleItems: { value: StaffRole; label: string; hint?: string }[] = [
  { value: 'buyer', label: 'Buyers' },
  { value: 'evaluator', label: 'Evaluators' },
  { value: 'case_officer', label: 'Case officers', hint: 'They see whistleblowing reports, which can name the people who made them.' },
  { value: 'admin', label: 'Administrators', hint: 'They can create staff accounts and change who must use two-step verification.' },
]

const title = 'Which staff must use two-step verification?'

/** Policy is where an administrator chooses which staff roles must use two-step verification. */
export function Policy() {
  const { load, reload } = useLoad(() => call(api.GET('/api/v1/admin/two-step-policy')), [])
  return (
    <LoadGate load={load} loadingTitle={title} loadingMessage="Loading." onRetry={() => void reload()}>
      {(policy) => <PolicyForm required={policy.roles.filter((r) => r.required).map((r) => r.role)} />}
    </LoadGate>
  )
}

function PolicyForm({ required }: { required: string[] }) {
  const [roles, setRoles] = useState<string[]>(required)
  const [saved, setSaved] = useState(false)
  const form = useForm({})

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    const ok = await form.submit(async () => {
      const policy = await call(api.PUT('/api/v1/admin/two-step-policy', { body: { required: roles as StaffRole[] } }))
      setRoles(policy.roles.filter((r) => r.required).map((r) => r.role))
    })
    if (ok) setSaved(true)
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {saved && (
            <NotificationBanner type="success" heading="Your choice is saved">
              <p className="govuk-body">It applies from each person’s next sign-in.</p>
            </NotificationBanner>
          )}
          <form noValidate onSubmit={onSubmit}>
            <Checkboxes
              id="required"
              legend={title}
              isPageHeading
              legendSize="l"
              hint="People in the roles you choose set up an authenticator app the next time they sign in, and cannot turn it off. Everyone else, suppliers included, can choose to use it. Select all that apply."
              error={form.errors.required}
              items={roleItems}
              values={roles}
              onChange={(v) => {
                setSaved(false)
                setRoles(v)
              }}
            />
            <Button busy={form.submitting}>Save</Button>
          </form>
          <h2 className="govuk-heading-m">If someone has lost their phone</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="/admin/two-step-verification/reset">
              Reset someone’s two-step verification
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
