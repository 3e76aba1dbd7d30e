import { Link, useLocation } from 'react-router'
import type { BankChange } from '../../../api/client'
import { Details } from '../../../components/details/details'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { WarningText } from '../../../components/warning-text/warning-text'
import { formatDate } from '../../../format/dates'
import { LoadGate } from '../../../lib/load-gate'
import { canStop, bankRefusal, useBankDetails, type BankNotice } from '../bank-state'
import { ChangeSteps } from '../change-steps'
import { bankChangeTags } from '../../../lib/labels'

const title = 'Your bank details'

function accountRows(c: BankChange) {
  return [
    { key: 'Name on the account', value: c.accountName },
    { key: 'Sort code', value: c.sortCode },
    { key: 'Account number', value: <>ending {c.accountLast4}</> },
  ]
}

function ChangeCard({ change, owner }: { change: BankChange; owner: boolean }) {
  const tag = bankChangeTags[change.status]
  return (
    <section className="govuk-!-margin-bottom-8" aria-labelledby={`change-${change.id}`}>
      <h3 className="govuk-heading-s" id={`change-${change.id}`}>
        Change asked for on {formatDate(change.requestedAt)}
        {change.requestedBy ? ` by ${change.requestedBy}` : ''} <Tag colour={tag.colour}>{tag.text}</Tag>
      </h3>
      <SummaryList rows={accountRows(change)} />
      {change.status === 'frozen' ? <WarningText>{change.explanation}</WarningText> : <p className="govuk-body">{change.explanation}</p>}
      <ChangeSteps change={change} />
      {canStop(change) &&
        (owner ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={`/bank-details/not-us?change=${encodeURIComponent(change.id)}`}>
              Nobody at your organisation asked for this change
            </Link>
          </p>
        ) : (
          <p className="govuk-body">If nobody at your organisation asked for this change, tell an owner straight away: they can stop it.</p>
        ))}
    </section>
  )
}

/**
 * BankDetails shows the bank details the council pays into (only the last 4
 * digits of the account number) and any change on its way, with where it
 * stands in the checks against mandate fraud.
 */
export function BankDetails() {
  const load = useBankDetails()
  const notice = (useLocation().state as BankNotice | null)?.notice
  return (
    <LoadGate load={load} {...bankRefusal}>
      {(d) => {
        const owner = d.yourRole === 'owner'
        const frozen = d.changes.some((c) => c.status === 'frozen')
        return (
          <Page title={title}>
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-two-thirds">
                {notice && <NotificationBanner type="success" heading={notice} />}
                <span className="govuk-caption-l">{d.organisationName}</span>
                <h1 className="govuk-heading-l">{title}</h1>
                <h2 className="govuk-heading-m">The account we pay into</h2>
                {d.current ? (
                  <>
                    <SummaryList rows={accountRows(d.current)} />
                    <p className="govuk-body">{d.current.explanation}</p>
                  </>
                ) : (
                  <p className="govuk-body">We do not have bank details for your organisation yet.</p>
                )}
                {d.changes.length > 0 && (
                  <>
                    <h2 className="govuk-heading-m">Changes</h2>
                    {d.changes.map((c) => (
                      <ChangeCard key={c.id} change={c} owner={owner} />
                    ))}
                  </>
                )}
                {frozen ? (
                  <p className="govuk-body">You cannot ask for another change until the council has looked into the stopped one.</p>
                ) : (
                  <Link to="/bank-details/change" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                    {d.current || d.changes.length ? 'Change bank details' : 'Add bank details'}
                  </Link>
                )}
                <Details summary="Why a change takes time">
                  <p className="govuk-body">
                    Fraudsters sometimes pretend to be a supplier and ask the council to pay ‘the new account’. This is called{' '}
                    <Link className="govuk-link" to="/glossary#mandate-fraud">
                      mandate fraud
                    </Link>
                    . To stop it, a change never takes effect at once: every owner is emailed, the council calls you back on a number it
                    already trusts, a second officer approves, and there is a cooling-off period. Until then we keep paying the account we
                    had before.
                  </p>
                </Details>
              </div>
            </div>
          </Page>
        )
      }}
    </LoadGate>
  )
}
