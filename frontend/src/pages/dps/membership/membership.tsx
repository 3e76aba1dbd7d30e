import type { FormEvent } from 'react'
import { Link, Navigate, useNavigate, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Textarea } from '../../../components/textarea/textarea'
import { useForm } from '../../../forms/use-form'
import { PageNotFound } from '../../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { appPath, fetchApplication, type Notice } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import type { Application, MembershipAction } from '../types'

/** What each action is called, what it does, and which statuses it applies to. */
const actions: Record<MembershipAction, { verb: string; button: string; done: string; explain: string; from: string[] }> = {
  suspend: {
    verb: 'Suspend',
    button: 'Suspend supplier',
    done: 'suspended from',
    explain: 'While suspended, they are not invited to bid for new contracts in this category. You can reinstate them later.',
    from: ['admitted'],
  },
  reinstate: {
    verb: 'Reinstate',
    button: 'Reinstate supplier',
    done: 'reinstated to',
    explain: 'They will be invited to bid for new contracts in this category again.',
    from: ['suspended'],
  },
  remove: {
    verb: 'Remove',
    button: 'Remove supplier',
    done: 'removed from',
    explain: 'They will no longer be invited to bid for contracts in this category. To join again, they would have to apply again.',
    from: ['admitted', 'suspended'],
  },
}

/**
 * Membership suspends, reinstates or removes a member from one category, with
 * a reason the supplier is told.
 */
export function Membership() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => fetchApplication(id), [id])
  return <LoadGate load={load}>{(app) => <Ask app={app} />}</LoadGate>
}

function Ask({ app }: { app: Application }) {
  const { categoryId = '', action = '' } = useParams()
  const navigate = useNavigate()
  const form = useForm({ reason: '' }, { fields: { reason: 'Give the reason, in up to 5,000 characters' } })
  const what = actions[action as MembershipAction]
  const c = app.categories.find((x) => x.categoryId === categoryId)

  if (!what || !c) return <PageNotFound />
  if (!what.from.includes(c.status)) return <Navigate to={appPath(app.id)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const title = `${what.verb} ${app.organisationName} ${action === 'reinstate' ? 'to' : 'from'} ‘${c.name}’`

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.values.reason.trim()) return form.fail([{ field: 'reason', text: 'Give the reason; the supplier is told it' }])
    const ok = await form.submit(async () => {
      await call(
        api.POST('/api/v1/dps-applications/{id}/categories/{categoryId}/membership', {
          params: { path: { id: app.id, categoryId: c.categoryId } },
          body: { action: action as MembershipAction, reason: form.values.reason.trim() },
        }),
      )
    })
    if (ok) {
      const state: Notice = { notice: `${app.organisationName} ${what.done} ‘${c.name}’. We have told them why.` }
      navigate(appPath(app.id), { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={appPath(app.id)} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{app.dpsTitle}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">{what.explain}</p>
          <form noValidate onSubmit={onSubmit}>
            <Textarea
              id="reason"
              label="Why?"
              labelSize="m"
              hint="We record this and tell the supplier."
              error={form.errors.reason}
              value={form.values.reason}
              onChange={(e) => form.set('reason', e.target.value)}
              maxLength={5000}
              spellCheck
            />
            <ButtonGroup>
              <Button variant={action === 'reinstate' ? undefined : 'warning'} busy={form.submitting}>
                {what.button}
              </Button>
              <Link className="govuk-link" to={appPath(app.id)}>
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
