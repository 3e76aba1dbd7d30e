// The confirmation page every admin change to an account goes through: what
// will happen, a warning, the button, and back to the account with a banner.
import type { FormEvent, ReactNode } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, call, type Account } from '../../api/client'
import { BackLink } from '../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../components/button/button'
import { ErrorSummary } from '../../components/error-summary/error-summary'
import { Page } from '../../components/page/page'
import { WarningText } from '../../components/warning-text/warning-text'
import { useForm } from '../../forms/use-form'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import type { AccountNotice } from './labels'

/** The account changes confirmed on a page of their own. */
export type ConfirmedChange = 'deactivate' | 'reactivate' | 'end-sessions'

/** Props for ConfirmChange. */
export interface ConfirmChangeProps {
  account: Account
  change: ConfirmedChange
  title: string
  children: ReactNode
  warning?: ReactNode
  button: string
  /** A warning button for changes that take something away. */
  warningButton?: boolean
}

/** ConfirmChange asks an admin to confirm one change to an account, then makes it. */
export function ConfirmChange({ account, change, title, children, warning, button, warningButton }: ConfirmChangeProps) {
  const navigate = useNavigate()
  const form = useForm({})
  const back = `/admin/accounts/${account.id}`
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    let notice = ''
    const ok = await form.submit(async () => {
      const params = { params: { path: { id: account.id } } }
      const done = await call(
        change === 'deactivate'
          ? api.POST('/api/v1/admin/accounts/{id}/deactivate', params)
          : change === 'reactivate'
            ? api.POST('/api/v1/admin/accounts/{id}/reactivate', params)
            : api.POST('/api/v1/admin/accounts/{id}/end-sessions', params),
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
          <span className="govuk-caption-l">{account.name}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          {children}
          {warning && <WarningText>{warning}</WarningText>}
          <form noValidate onSubmit={onSubmit}>
            <ButtonGroup>
              <Button variant={warningButton ? 'warning' : undefined} busy={form.submitting}>
                {button}
              </Button>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
