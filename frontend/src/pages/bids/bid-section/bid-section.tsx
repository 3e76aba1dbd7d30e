import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { isProblem } from '../../../api/errors'
import { useOrganisationId } from '../../../app/require-role'
import { Button } from '../../../components/button/button'
import { SupplierOnly } from '../../../components/supplier-only/supplier-only'
import { Tag } from '../../../components/tag/tag'
import { bidStatusTags, tagOf } from '../../../lib/labels'
import { useLoad, type Load } from '../../../lib/use-load'
import type { BidOpening } from '../api-types'
import { fetchForm, fetchOpening, fetchSupplierBids, startBid } from '../api'
import { FormQuestions } from '../form-questions'
import { bidPath } from '../progress'

/** What the section needs of the opportunity. */
export interface BidOpportunity {
  id: string
  status: string
  submissionDeadline?: { at: string; text?: string }
}

/** biddingOpen reports whether bids are taken at now. */
export function biddingOpen(o: BidOpportunity, now: Date): boolean {
  return o.status === 'open' && !!o.submissionDeadline && Date.parse(o.submissionDeadline.at) > now.getTime()
}

/**
 * BidSection is "Your response" on an opportunity's page: the public response
 * form, so that anyone can judge the work before signing in; "Start a bid" or
 * "Continue your bid" for a signed-in supplier while bids are open; and, once
 * the bids are opened, the receipt hashes of every bid in the box.
 */
export function BidSection({ o, now = new Date() }: { o: BidOpportunity; now?: Date }) {
  const form = useLoad((signal) => fetchForm(o.id, signal), [o.id]).load
  const opening = useLoad((signal) => fetchOpening(o.id, signal), [o.id]).load
  if (form.kind !== 'ready' || form.data.questions.length === 0) return <OpenedHashes load={opening} />
  const open = biddingOpen(o, now)
  return (
    <>
      <section className="govuk-!-margin-bottom-8" id="response-form" aria-labelledby="response-form-heading">
        <h2 className="govuk-heading-m" id="response-form-heading">
          What your bid must include
        </h2>
        <p className="govuk-body">
          The council asks {form.data.questions.length} question{form.data.questions.length === 1 ? '' : 's'}. Bids are{' '}
          <Link className="govuk-link" to="/glossary#sealed-bid">
            sealed
          </Link>
          : nobody at the council can read them before the deadline.
        </p>
        {form.data.twoStage && (
          <p className="govuk-body">
            The council opens bids in two stages: it scores the quality answers first, and opens the prices only after those scores are agreed.
          </p>
        )}
        {open && (
          <SupplierOnly action="start a bid" anchor="response-form">
            <BidAction opportunityId={o.id} />
          </SupplierOnly>
        )}
        <FormQuestions questions={form.data.questions} />
      </section>
      <OpenedHashes load={opening} />
    </>
  )
}

function BidAction({ opportunityId }: { opportunityId: string }) {
  const organisationId = useOrganisationId()
  const navigate = useNavigate()
  const mine = useLoad((signal) => fetchSupplierBids(organisationId, signal), [organisationId])
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')
  if (mine.load.kind !== 'ready') return null
  const existing = (mine.load.data.items ?? []).find((b) => b.opportunityId === opportunityId)
  if (existing) {
    const tag = tagOf(bidStatusTags, existing.status)
    return (
      <>
        <p className="govuk-body">
          Your bid {existing.reference} <Tag colour={tag.colour}>{tag.text}</Tag>
        </p>
        <Link to={bidPath(existing.id)} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          {existing.status === 'draft' ? 'Continue your bid' : 'See your bid'}
        </Link>
      </>
    )
  }
  const start = async () => {
    if (busy) return
    setBusy(true)
    setProblem('')
    try {
      const bid = await startBid(opportunityId, { organisationId, lotIds: [] })
      navigate(bidPath(bid.id))
    } catch (err) {
      if (isProblem(err, 409)) await mine.reload()
      else setProblem(isProblem(err) ? err.problem.detail || 'Your bid could not be started.' : 'Sorry, there is a problem with the service. Try again later.')
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      {problem && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {problem}
        </p>
      )}
      <Button type="button" onClick={() => void start()} busy={busy}>
        Start a bid
      </Button>
    </>
  )
}

function OpenedHashes({ load }: { load: Load<BidOpening> }) {
  if (load.kind !== 'ready' || load.data.status !== 'opened') return null
  const hashes = load.data.receiptHashes ?? []
  return (
    <section className="govuk-!-margin-bottom-8" id="opened-bids" aria-labelledby="opened-bids-heading">
      <h2 className="govuk-heading-m" id="opened-bids-heading">
        Bids opened
      </h2>
      <p className="govuk-body">
        The council’s opening panel opened the bids. These are the{' '}
        <Link className="govuk-link" to="/glossary#receipt-hash">
          receipt hashes
        </Link>{' '}
        of the {hashes.length} bid{hashes.length === 1 ? '' : 's'} it opened. If you bid, check that the hash on your receipt is here.
      </p>
      <ul className="govuk-list app-bid-hashes">
        {hashes.map((h) => (
          <li key={h}>
            <code className="app-break-words">{h}</code>
          </li>
        ))}
      </ul>
    </section>
  )
}
