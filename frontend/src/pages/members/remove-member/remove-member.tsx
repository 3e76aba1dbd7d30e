import type { FormEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, call, type Members } from '../../../api/client'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { useForm } from '../../../forms/use-form'
import { PageNotFound } from '../../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { LoadGate } from '../../../lib/load-gate'
import { membersRefusal, useMembers, type MembersNotice } from '../members-state'

/** RemoveMember asks an owner to confirm before taking someone out of the organisation. */
export function RemoveMember() {
  const { load } = useMembers()
  return <LoadGate load={load} {...membersRefusal}>{(l) => <Confirm members={l.members} organisationId={l.organisationId} />}</LoadGate>
}

function Confirm({ members, organisationId }: { members: Members; organisationId: string }) {
  const { userId = '' } = useParams()
  const navigate = useNavigate()
  const form = useForm({})
  const person = members.members.find((m) => m.userId === userId)

  if (!person) return <PageNotFound />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  const title = `Are you sure you want to remove ${person.name}?`

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await form.submit(async () => {
      await call(
        api.DELETE('/api/v1/supplier/members/{userId}', {
          params: { path: { userId }, query: { organisationId: organisationId || undefined } },
        }),
      )
    })
    if (ok) {
      const state: MembersNotice = { notice: `${person.name} has been removed` }
      navigate('/members', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            {person.name} ({person.email}) will no longer be able to see or change anything for your organisation. You can invite them again
            later.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <ButtonGroup>
              <Button variant="warning" busy={form.submitting}>
                Remove {person.name}
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
