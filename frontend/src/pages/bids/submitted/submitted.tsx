import { Link, useLocation } from 'react-router'
import { Page } from '../../../components/page/page'
import { Panel } from '../../../components/panel/panel'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { fetchReceipt } from '../api'
import type { BidReceipt } from '../api-types'
import { useBid } from '../bid-state'
import '../bids.css'
import type { Submitted as SubmittedState } from '../check/check'
import { bidPath } from '../progress'
import { ReceiptDetails } from '../receipt-details'

/** Submitted is the confirmation after submitting a bid: the GOV.UK panel with the reference, then the receipt. */
export function Submitted() {
  const { bid } = useBid()
  const given = (useLocation().state as SubmittedState | null)?.receipt
  const { load } = useLoad((signal) => (given ? Promise.resolve(given) : fetchReceipt(bid.id, undefined, signal)), [bid.id])
  return <LoadGate load={load}>{(r) => <Confirmation receipt={r} />}</LoadGate>
}

function Confirmation({ receipt }: { receipt: BidReceipt }) {
  const { bid, form } = useBid()
  return (
    <Page title="Bid submitted">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Bid submitted">
            Your reference
            <br />
            <strong>{receipt.reference}</strong>
          </Panel>
          <p className="govuk-body">
            We received your bid at {receipt.submittedAtText} (UK time). We have emailed this receipt to everyone in {receipt.organisationName}.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`${bidPath(bid.id, 'receipt')}?version=${receipt.version}`}>
              Print or save your receipt
            </Link>
          </p>
          <ReceiptDetails receipt={receipt} questions={form.questions} />
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">
            Your bid stays sealed until the deadline. After it, the council’s opening panel opens every bid together. You can withdraw your bid
            and submit again until the deadline.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={bidPath(bid.id)}>
              Go to your bid
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
