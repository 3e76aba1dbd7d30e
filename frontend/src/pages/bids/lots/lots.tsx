import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { useBid } from '../bid-state'
import { ConflictBanner } from '../conflict-banner'
import { bidPath } from '../progress'

/** lotName names a lot as the opportunity page does: "Lot 2: Parks". */
export function lotName(lots: { id: string; title: string }[], lotId: string): string {
  const i = lots.findIndex((l) => l.id === lotId)
  return i < 0 ? 'Lot' : `Lot ${i + 1}: ${lots[i].title}`
}

/** BidLots is where a supplier chooses which of the opportunity's lots the bid is for. */
export function BidLots() {
  const s = useBid()
  return <LotsForm key={s.generation} />
}

function LotsForm() {
  const { bid, opportunity, save, conflict } = useBid()
  const navigate = useNavigate()
  const [chosen, setChosen] = useState<string[]>(bid.lotIds ?? [])
  const form = useForm({})
  const title = 'Which lots are you bidding for?'
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (chosen.length === 0) return form.fail([{ field: 'lotIds', text: 'Choose at least one lot' }])
    let result: 'saved' | 'conflict' = 'saved'
    const ok = await form.submit(async () => {
      result = await save({ lotIds: chosen, answers: [] })
    })
    if (ok && result === 'saved') navigate(bidPath(bid.id))
  }
  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={bidPath(bid.id)}>Back to your bid</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <ConflictBanner show={conflict} />
          <form noValidate onSubmit={onSubmit}>
            <Checkboxes
              id="lotIds"
              legend={title}
              isPageHeading
              hint="Select all that apply. You give a price for each lot you choose."
              error={form.errors.lotIds}
              items={opportunity.lots.map((l, i) => ({ value: l.id, label: `Lot ${i + 1}: ${l.title}` }))}
              values={chosen}
              onChange={setChosen}
            />
            <Button busy={form.submitting}>Save and continue</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
