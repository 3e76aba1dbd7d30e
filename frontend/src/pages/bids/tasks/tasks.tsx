import { useState } from 'react'
import { Link } from 'react-router'
import { isProblem } from '../../../api/errors'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { TaskList, type Task } from '../../../components/task-list/task-list'
import { bidStatusTags, tagOf } from '../../../lib/labels'
import { formatPounds } from '../../../format/money'
import { confirmStands } from '../api'
import { useBid } from '../bid-state'
import { LastChange } from '../last-change'
import { bidPath, questionPath, taskStatus } from '../progress'
import { lotName } from '../lots/lots'

/**
 * ConfirmStands lets the bidder say that a bid submitted before an amendment
 * still stands, so the evaluators see it was checked against the change.
 */
function ConfirmStands() {
  const { bid, replace } = useBid()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')
  const confirm = async () => {
    if (busy) return
    setBusy(true)
    setProblem('')
    try {
      replace(await confirmStands(bid.id))
    } catch (err) {
      setProblem(isProblem(err) ? err.problem.detail || 'Your confirmation was not recorded.' : 'Your confirmation was not recorded: try again.')
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
      <Button type="button" onClick={() => void confirm()} busy={busy}>
        Confirm your bid still stands
      </Button>
    </>
  )
}

/**
 * BidTasks is a bid's task list (the GOV.UK task list pattern): the lots bid
 * for, then each question of the response form with its status, then
 * checking and submitting. A bid no longer in draft says so and links to its receipt.
 */
export function BidTasks() {
  const { bid, form, opportunity } = useBid()
  const lots = opportunity.lots
  const draft = bid.status === 'draft'
  const tag = tagOf(bidStatusTags, bid.status)
  const tasks: Task[] = form.questions.map((q) => {
    const status = taskStatus(bid, q, lots.length > 0)
    return {
      title: `${q.number}. ${q.title}`,
      to: draft && !status.cannotStart ? questionPath(bid.id, q.id) : undefined,
      hint: status.cannotStart ? 'Choose the lots you are bidding for first' : undefined,
      status,
    }
  })
  const chosen = bid.lotIds ?? []
  const missingCount = new Set((bid.missing ?? []).filter((m) => m.questionId).map((m) => m.questionId)).size
  const title = 'Your bid'
  return (
    <Page title={title}>
      <BackLink to={`/opportunities/${encodeURIComponent(bid.opportunityId)}`}>Back to the opportunity</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{bid.opportunityTitle}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <SummaryList
            rows={[
              { key: 'Reference', value: bid.reference },
              { key: 'For', value: bid.organisationName },
              { key: 'Status', value: <Tag colour={tag.colour}>{tag.text}</Tag> },
              { key: 'Deadline', value: bid.deadline?.text ?? 'None set' },
              ...(bid.totals ?? []).map((t) => ({
                key: lots.length ? `Total price, ${lotName(lots, t.lotId)}` : 'Total price',
                value: t.totalText || formatPounds(t.totalPence),
              })),
            ]}
          />
          <LastChange change={bid.lastChange} />
          {bid.submittedBeforeAmendment ? (
            <NotificationBanner heading={`Your bid was submitted before amendment ${bid.submittedBeforeAmendment}`}>
              <p className="govuk-body">
                The council changed the opportunity after you submitted. Check what changed, then withdraw and resubmit if your bid needs to
                change, or confirm that it still stands.
              </p>
              <ConfirmStands />
            </NotificationBanner>
          ) : bid.standsConfirmed ? (
            <p className="govuk-body">{bid.standsConfirmed.text}</p>
          ) : null}
          {!draft && (
            <>
              <p className="govuk-body">
                {bid.status === 'submitted'
                  ? 'You have submitted this bid. To change it, withdraw it, make your changes and submit it again before the deadline.'
                  : bid.status === 'withdrawn'
                    ? 'You withdrew this bid: it does not count. You can submit it again before the deadline.'
                    : 'The council has opened the bids.'}
              </p>
              <ul className="govuk-list">
                {bid.receiptHash && (
                  <li>
                    <Link className="govuk-link" to={bidPath(bid.id, 'receipt')}>
                      See your receipt
                    </Link>
                  </li>
                )}
                {/* Each submitted version keeps its own receipt; only the latest counts. Versions count every save, so the server lists them. */}
                {(bid.earlierVersions ?? []).map((v) => (
                  <li key={v}>
                    <Link className="govuk-link" to={`${bidPath(bid.id, 'receipt')}?version=${v}`}>
                      Receipt for the earlier version {v}
                    </Link>
                  </li>
                ))}
                {bid.status === 'submitted' && (
                  <li>
                    <Link className="govuk-link" to={bidPath(bid.id, 'withdraw')}>
                      Withdraw your bid
                    </Link>
                  </li>
                )}
                {bid.status === 'withdrawn' && (
                  <li>
                    <Link className="govuk-link" to={bidPath(bid.id, 'check')}>
                      Check your answers and submit again
                    </Link>
                  </li>
                )}
              </ul>
            </>
          )}
          {lots.length > 0 && (
            <>
              <h2 className="govuk-heading-m">Lots</h2>
              <TaskList
                idPrefix="lots"
                tasks={[
                  {
                    title: 'Choose the lots you are bidding for',
                    to: draft ? bidPath(bid.id, 'lots') : undefined,
                    hint: chosen.length ? chosen.map((l) => lotName(lots, l)).join(', ') : undefined,
                    status: chosen.length ? { text: 'Completed' } : { text: 'Not started', tag: 'blue' },
                  },
                ]}
              />
            </>
          )}
          <h2 className="govuk-heading-m">Questions</h2>
          <p className="govuk-body">
            {missingCount === 0
              ? 'You have answered every required question.'
              : missingCount === 1
                ? '1 question still needs an answer.'
                : `${missingCount} questions still need an answer.`}{' '}
            Your answers save each time you continue. Only your organisation can read them until the bids are opened.
          </p>
          <TaskList idPrefix="questions" tasks={tasks} />
          {draft && (
            <>
              <h2 className="govuk-heading-m">Submit</h2>
              <Link to={bidPath(bid.id, 'check')} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                Check your answers
              </Link>
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
