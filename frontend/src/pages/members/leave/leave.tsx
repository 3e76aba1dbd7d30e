import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { api, call } from '../../../api/client'
import { useSession } from '../../../app/session'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'

/**
 * Leave asks someone to confirm before they leave the organisation. The last
 * owner cannot leave: the API says so, and the page shows it plainly.
 */
export function Leave() {
  const session = useSession()
  const form = useForm({})
  // Once they have left, the session no longer names the organisation: keep its name for the confirmation.
  const [left, setLeft] = useState<string | undefined>()
  const orgName = left ?? session.me?.organisations?.[0]?.name ?? 'your organisation'

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (left !== undefined) {
    return (
      <Page title={`You have left ${orgName}`} focusHeading>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Panel title={`You have left ${orgName}`} />
            <p className="govuk-body">
              <Link className="govuk-link" to="/account">
                Go to your account
              </Link>
            </p>
          </div>
        </div>
      </Page>
    )
  }
  const title = `Are you sure you want to leave ${orgName}?`

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const me = session.me
    if (!me) return
    const ok = await form.submit(async () => {
      await call(api.DELETE('/api/v1/supplier/members/{userId}', { params: { path: { userId: me.id } } }))
    })
    if (ok) {
      setLeft(orgName)
      void session.reload()
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">You will no longer be able to see or change anything for {orgName}. An owner can invite you back.</p>
          <form noValidate onSubmit={onSubmit}>
            <ButtonGroup>
              <Button variant="warning" busy={form.submitting}>
                Leave {orgName}
              </Button>
              <Link className="govuk-link" to="/members">
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
