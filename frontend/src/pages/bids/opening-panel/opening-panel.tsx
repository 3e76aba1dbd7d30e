import { useState, type FormEvent } from 'react'
import { useNavigate, useParams } from 'react-router'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { useForm } from '../../../forms/use-form'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { useOpportunity } from '../../buying/opportunity-state'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { fetchPanel, savePanel } from '../api'
import type { OpeningPanel as Panel } from '../api-types'

/** panelPath is the address of a draft's opening panel page. */
export function panelPath(opportunityId: string): string {
  return `/buying/${encodeURIComponent(opportunityId)}/opening-panel`
}

/**
 * OpeningPanel is where a buyer names, before publishing, the officers who
 * will open the bids together after the deadline: at least as many as the
 * quorum. Once published the panel can no longer change.
 */
export function OpeningPanel() {
  const { id = '' } = useParams()
  const { load, reload } = useLoad((signal) => fetchPanel(id, signal), [id])
  return (
    <LoadGate load={load} loadingMessage="Loading the opening panel." onRetry={() => void reload()}>
      {(p) => <Chooser id={id} panel={p} />}
    </LoadGate>
  )
}

function Chooser({ id, panel }: { id: string; panel: Panel }) {
  const { view } = useOpportunity()
  const navigate = useNavigate()
  const members = panel.members ?? []
  const candidates = [...members, ...(panel.candidates ?? []).filter((c) => !members.some((m) => m.userId === c.userId))]
  const [chosen, setChosen] = useState(members.map((m) => m.userId))
  const form = useForm({})
  const draft = view.status === 'draft'
  const title = 'Opening panel'
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (chosen.length < Math.max(2, panel.quorum))
      return form.fail([{ field: 'userIds', text: `Choose at least ${Math.max(2, panel.quorum)} officers` }])
    const ok = await form.submit(async () => {
      await savePanel(id, chosen)
    })
    if (ok) navigate(`/buying/${encodeURIComponent(id)}`)
  }
  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={`/buying/${encodeURIComponent(id)}`}>Back to the draft</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <span className="govuk-caption-l">{view.title}</span>
          {draft ? (
            <form noValidate onSubmit={onSubmit}>
              <Checkboxes
                id="userIds"
                legend="Who will open the bids?"
                isPageHeading
                legendSize="l"
                hint={`After the deadline, ${panel.quorum} of them must each confirm with their password and two-step code before the bids open. Nobody on the panel may work for a bidder.`}
                error={form.errors.userIds}
                items={candidates.map((c) => ({ value: c.userId, label: c.name }))}
                values={chosen}
                onChange={setChosen}
              />
              <Button busy={form.submitting}>Save and continue</Button>
            </form>
          ) : (
            <>
              <h1 className="govuk-heading-l">{title}</h1>
              <p className="govuk-body">The panel was named before publication and cannot change. {panel.quorum} of them must confirm to open the bids.</p>
              <ul className="govuk-list govuk-list--bullet">
                {members.map((m) => (
                  <li key={m.userId}>{m.name}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
