import type { FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { api, call, type Account } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { useForm } from '../../../forms/use-form'
import { NotAllowed } from '../../../app/require-role'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { AccountGate } from '../account-state'
import { staffRoleItems, type AccountNotice, type AccountRole } from '../labels'
import { accountRoleLabels } from '../../../lib/labels'

/** ChangeRole lets an admin give a council officer another staff role. */
export function ChangeRole() {
  return <AccountGate>{(a) => (a.role === 'supplier' ? <NotAllowed /> : <ChangeRoleForm account={a} />)}</AccountGate>
}

function ChangeRoleForm({ account }: { account: Account }) {
  const navigate = useNavigate()
  const form = useForm({ role: account.role as string })
  const back = `/admin/accounts/${account.id}`
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  const title = `Change ${account.name}’s role`

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.values.role) return form.fail([{ field: 'role', text: 'Select what the person will do' }])
    let notice = ''
    const ok = await form.submit(async () => {
      const done = await call(
        api.PUT('/api/v1/admin/accounts/{id}/role', {
          params: { path: { id: account.id } },
          body: { role: form.values.role as Exclude<AccountRole, 'supplier'> },
        }),
      )
      notice = done.message
    })
    if (ok) {
      const state: AccountNotice = { notice }
      navigate(back, { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <form noValidate onSubmit={onSubmit}>
            <Radios
              id="role"
              legend={title}
              isPageHeading
              legendSize="l"
              hint={`${account.name} is ${article(accountRoleLabels[account.role])} ${accountRoleLabels[account.role].toLowerCase()} now. The new role applies from their next page.`}
              error={form.errors.role}
              items={staffRoleItems}
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

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a'
}
