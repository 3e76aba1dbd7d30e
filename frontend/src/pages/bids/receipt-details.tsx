// What a receipt says, on the confirmation page and on the printable receipt.
import { formatSize } from '../opportunities/format'
import type { BidFormQuestion, BidReceipt } from './api-types'
import { Link } from 'react-router'
import { SummaryList } from '../../components/summary-list/summary-list'

/** ReceiptDetails lists what a receipt vouches for: the time, each answer and file with its SHA-256, and the receipt hash. */
export function ReceiptDetails({ receipt, questions = [] }: { receipt: BidReceipt; questions?: BidFormQuestion[] }) {
  const title = (id: string) => {
    const q = questions.find((x) => x.id === id)
    return q ? `${q.number}. ${q.title}` : ''
  }
  return (
    <>
      <SummaryList
        className="app-receipt__summary"
        rows={[
          { key: 'Reference', value: receipt.reference },
          { key: 'Opportunity', value: `${receipt.opportunity.title} (${receipt.opportunity.reference})` },
          { key: 'Submitted by', value: receipt.organisationName },
          { key: 'Received', value: `${receipt.submittedAtText} (UK time)` },
          {
            key: 'Submission',
            value: receipt.submission > 1 ? `Submission ${receipt.submission}: it replaces the earlier ones, which no longer count` : 'First submission',
          },
          { key: 'Saved version', value: `${receipt.version} (it counts every save, and is part of the receipt hash)` },
        ]}
      />
      <h2 className="govuk-heading-m">What we received</h2>
      <p className="govuk-body">
        Each answer and file has a SHA-256 fingerprint: if even one character changed, it would be different. The receipt hash is the fingerprint of
        them all.
      </p>
      <div className="app-receipt__items">
        <table className="govuk-table app-receipt__table">
          <caption className="govuk-table__caption govuk-visually-hidden">Answers and files with their SHA-256</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Answer or file
              </th>
              <th scope="col" className="govuk-table__header">
                SHA-256
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {(receipt.items ?? []).map((it, i) => (
              <tr className="govuk-table__row" key={`${it.sha256}:${i}`}>
                <td className="govuk-table__cell app-break-words">
                  {it.kind === 'document' ? `${it.name} (${formatSize(it.size)})` : it.name || title(it.questionId) || 'Answer'}
                  {it.kind === 'document' && title(it.questionId) && <span className="app-receipt__question"> for {title(it.questionId)}</span>}
                </td>
                <td className="govuk-table__cell">
                  <code className="app-break-words app-receipt__hash">{it.sha256}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="govuk-heading-m">Receipt hash</h2>
      <p className="govuk-body">
        <code className="app-break-words app-receipt__hash" data-testid="receipt-hash">
          {receipt.receiptHash}
        </code>
      </p>
      <p className="govuk-body app-no-print">
        When the council opens the bids it publishes every{' '}
        <Link className="govuk-link" to="/glossary#receipt-hash">
          receipt hash
        </Link>{' '}
        on the opportunity’s page, so you can check that yours is there.
      </p>
    </>
  )
}
