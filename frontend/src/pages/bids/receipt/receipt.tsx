import { useSearchParams } from 'react-router'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { Page } from '../../../components/page/page'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { fetchReceipt } from '../api'
import { useBid } from '../bid-state'
import '../bids.css'
import { bidPath } from '../progress'
import { ReceiptDetails } from '../receipt-details'

/** Receipt is a bid's receipt as a page that prints on one A4 sheet (the latest submission, or ?version=N). */
export function Receipt() {
  const { bid, form } = useBid()
  const [params] = useSearchParams()
  const version = Number(params.get('version')) || undefined
  const { load } = useLoad((signal) => fetchReceipt(bid.id, version, signal), [bid.id, version])
  return (
    <LoadGate load={load} loadingMessage="Loading your receipt.">
      {(r) => (
        <Page title={`Receipt for bid ${r.reference}`}>
          <BackLink to={bidPath(bid.id)}>Back to your bid</BackLink>
          <div className="app-receipt">
            <h1 className="govuk-heading-l">Receipt for bid {r.reference}</h1>
            <ReceiptDetails receipt={r} questions={form.questions} />
            <div className="app-no-print">
              <Button type="button" variant="secondary" onClick={() => window.print()}>
                Print this receipt
              </Button>
            </div>
          </div>
        </Page>
      )}
    </LoadGate>
  )
}
