import type { FormEvent } from 'react'
import { useNavigate, useParams } from 'react-router'
import { api, call, type Members } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { useForm } from '../../../forms/use-form'
import { PageNotFound } from '../../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { LoadGate } from '../../../lib/load-gate'
import { roleItems, membersRefusal, useMembers, type MembersNotice } from '../members-state'

/** ChangeRole lets an owner make someone an owner or a member. The last owner cannot stop being one. */
export function ChangeRole() {
  const { load } = useMembers()
  return <LoadGate load={load} {...membersRefusal}>{(l) => <ChangeRoleForm load={l} />}</LoadGate>
}

function ChangeRoleForm({ load }: { load: { members: Members; organisationId: string } }) {
  const { userId = '' } = useParams()
  const navigate = useNavigate()
  const person = load.members.members.find((m) => m.userId === userId)
  const form = useForm({ role: person?.role ?? '' })

  if (!person) return <PageNotFound />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  const title = `Change ${person.name}’s role`

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.values.role) return form.fail([{ field: 'role', text: 'Select owner or member' }])
    const ok = await form.submit(async () => {
      await call(
        api.PUT('/api/v1/supplier/members/{userId}', {
          params: { path: { userId }, query: { organisationId: load.organisationId || undefined } },
          body: { role: form.values.role },
        }),
      )
    })
    if (ok) {
      const state: MembersNotice = { notice: `${person.name} is now ${form.values.role === 'owner' ? 'an owner' : 'a member'}` }
      navigate('/members', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/members" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <form noValidate onSubmit={onSubmit}>
            <Radios
              id="role"
              legend={title}
              isPageHeading
              legendSize="l"
              hint={`${person.name} is ${person.role === 'owner' ? 'an owner' : 'a member'} now.`}
              error={form.errors.role}
              items={roleItems}
              value={form.values.role}
              onChange={(v) => form.set('role', v)}
            />
            <Button busy={form.submitting}>Change role</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
