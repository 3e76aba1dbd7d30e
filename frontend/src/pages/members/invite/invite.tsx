import type { FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { TextInput } from '../../../components/text-input/text-input'
import { required, useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { roleItems, type MembersNotice } from '../members-state'

const title = 'Invite someone to your organisation'
const messages = { fields: { email: 'Enter an email address in the correct format, like name@example.com', role: 'Select owner or member' } }

/** Invite lets an owner email someone a link to join the organisation as an owner or a member. */
export function Invite() {
  const navigate = useNavigate()
  const form = useForm({ email: '', role: '' }, messages)

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, { email: 'Enter their email address', role: 'Select owner or member' })
    if (missing.length) return form.fail(missing)
    const email = form.values.email.trim()
    const ok = await form.submit(async () => {
      await call(
        api.POST('/api/v1/supplier/members/invitations', {
          body: { email, role: form.values.role },
        }),
      )
    })
    if (ok) {
      const state: MembersNotice = { notice: `We have emailed an invitation to ${email}. The link works for 7 days.` }
      navigate('/members', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/members" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">We will email them a link to join. If they do not have an account yet, they can make one.</p>
          <form noValidate onSubmit={onSubmit}>
            <TextInput
              id="email"
              label="Their email address"
              labelSize="s"
              type="email"
              autoComplete="off"
              spellCheck={false}
              error={form.errors.email}
              {...form.bind('email')}
            />
            <Radios
              id="role"
              legend="What should they be able to do?"
              legendSize="s"
              error={form.errors.role}
              items={roleItems}
              value={form.values.role}
              onChange={(v) => form.set('role', v)}
            />
            <Button busy={form.submitting}>Send invitation</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
