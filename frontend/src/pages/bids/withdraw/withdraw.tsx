import { useState } from 'react'
import { Link, Navigate, useNavigate } from 'react-router'
import { isProblem } from '../../../api/errors'
import { BackLink } from '../../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { WarningText } from '../../../components/warning-text/warning-text'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { withdrawBid } from '../api'
import { useBid } from '../bid-state'
import { bidPath } from '../progress'

/** Withdraw asks a supplier to confirm before withdrawing a submitted bid. */
export function Withdraw() {
  const { bid, replace } = useBid()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  const [down, setDown] = useState(false)
  const [problem, setProblem] = useState('')
  const title = 'Are you sure you want to withdraw your bid?'
  if (bid.status !== 'submitted') return <Navigate to={bidPath(bid.id)} replace />
  if (down) return <ServiceProblem onRetry={() => setDown(false)} />
  const withdraw = async () => {
    if (busy) return
    setBusy(true)
    try {
      replace(await withdrawBid(bid.id))
      navigate(bidPath(bid.id))
    } catch (err) {
      if (isProblem(err)) setProblem(err.problem.detail || 'Your bid could not be withdrawn.')
      else setDown(true)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page title={title} error={!!problem}>
      <BackLink to={bidPath(bid.id)}>Back to your bid</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={problem ? [{ text: problem }] : []} />
          <span className="govuk-caption-l">{bid.reference}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <WarningText>A withdrawn bid does not count. To be considered you must submit it again before {bid.deadline?.text ?? 'the deadline'}.</WarningText>
          <p className="govuk-body">Your answers and files are kept, and so is the receipt of the version you submitted.</p>
          <ButtonGroup>
            <Button type="button" variant="warning" onClick={() => void withdraw()} busy={busy}>
              Withdraw your bid
            </Button>
            <Link className="govuk-link" to={bidPath(bid.id)}>
              Keep your bid
            </Link>
          </ButtonGroup>
        </div>
      </div>
    </Page>
  )
}
