import { type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { InsetText } from '../../../components/inset-text/inset-text'
import { Page } from '../../../components/page/page'
import { PasswordInput } from '../../../components/password-input/password-input'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { Table } from '../../../components/table/table'
import { Tag } from '../../../components/tag/tag'
import { required, useForm } from '../../../forms/use-form'
import { bidStatusTags, openingStatusLabels, tagOf } from '../../../lib/labels'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { formatDateTime } from '../../opportunities/format'
import { CodeInput } from '../../two-step/code-input'
import { confirmOpening, fetchOpenedBids, fetchOpening } from '../api'
import type { BidOpening, BidSummary } from '../api-types'

/**
 * Opening is the opening panel's page for an opportunity: until the deadline
 * "Bids are sealed until …"; then each panel member confirms with their
 * password and two-step code until the quorum is reached; after opening, the
 * receipt hashes and the bids.
 */
export function Opening() {
  const { opportunityId = '' } = useParams()
  const { load, set, reload } = useLoad((signal) => fetchOpening(opportunityId, signal), [opportunityId], { missing: [404, 422] })
  return (
    <LoadGate load={load} loadingMessage="Loading the opening." onRetry={() => void reload()}>
      {(o) => <OpeningView id={opportunityId} o={o} onChange={set} />}
    </LoadGate>
  )
}

function OpeningView({ id, o, onChange }: { id: string; o: BidOpening; onChange: (o: BidOpening) => void }) {
  const title = 'Open the bids'
  const sealedUntil = o.sealedUntil ? o.sealedUntil.text || formatDateTime(o.sealedUntil.at) : 'the deadline'
  const form = useForm(
    { password: '', code: '' },
    { fields: { password: 'Enter your password', code: 'Enter the 6-digit code from your authenticator app' } },
  )
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, { password: 'Enter your password', code: 'Enter the 6-digit code from your authenticator app' })
    if (missing.length) return form.fail(missing)
    await form.submit(async () => {
      onChange(await confirmOpening(id, { password: form.values.password, code: form.values.code.replace(/\s/g, '') }))
      form.set('password', '')
      form.set('code', '')
    })
  }
  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={`/buying/${encodeURIComponent(id)}`}>Back to the opportunity</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <SummaryList
            rows={[
              { key: 'Status', value: openingStatusLabels[o.status] ?? o.status },
              { key: 'Sealed until', value: sealedUntil },
              { key: 'Confirmations', value: `${o.confirmations} of ${o.quorum} needed` },
              ...(o.openedAt ? [{ key: 'Opened', value: formatDateTime(o.openedAt) }] : []),
            ]}
          />
          {o.status === 'sealed' && (
            <InsetText>
              Bids are sealed until {sealedUntil}. Nobody at the council can see them, or how many there are, before then. After the deadline,{' '}
              {o.quorum} members of the{' '}
              <Link className="govuk-link" to="/glossary#opening-panel">
                opening panel
              </Link>{' '}
              each confirm with their password and two-step code to open them.
            </InsetText>
          )}
          {o.status === 'ready' && (
            <>
              <p className="govuk-body">
                The deadline has passed. {o.confirmations} of {o.quorum} panel members have confirmed. When {o.quorum} have confirmed, the bids open
                and their receipt hashes are published on the opportunity’s page.
              </p>
              <form noValidate onSubmit={onSubmit}>
                <h2 className="govuk-heading-m">Confirm the opening</h2>
                <PasswordInput
                  id="password"
                  label="Your password"
                  labelSize="s"
                  autoComplete="current-password"
                  error={form.errors.password}
                  value={form.values.password}
                  onChange={(e) => form.set('password', e.target.value)}
                />
                <CodeInput
                  label="Code from your authenticator app"
                  hint="The 6-digit code your authenticator app shows now."
                  error={form.errors.code}
                  value={form.values.code}
                  onChange={(e) => form.set('code', e.target.value)}
                />
                <Button busy={form.submitting}>Confirm the opening</Button>
              </form>
            </>
          )}
          {o.status === 'opened' && <Opened id={id} hashes={o.receiptHashes ?? []} />}
        </div>
      </div>
    </Page>
  )
}

function Opened({ id, hashes }: { id: string; hashes: string[] }) {
  const bids = useLoad((signal) => fetchOpenedBids(id, signal), [id]).load
  return (
    <>
      <h2 className="govuk-heading-m">Receipt hashes</h2>
      <p className="govuk-body">
        These are published on the opportunity’s page, so every bidder can check that their bid was opened unchanged.
      </p>
      <ul className="govuk-list">
        {hashes.map((h) => (
          <li key={h}>
            <code className="app-break-words">{h}</code>
          </li>
        ))}
      </ul>
      {bids.kind === 'ready' && (
        <Table<BidSummary>
          caption="Bids opened"
          rows={bids.data.items ?? []}
          rowKey={(b) => b.id}
          firstCellIsHeader
          scrollLabel="Bids opened"
          columns={[
            { header: 'Bidder', cell: (b) => b.organisationName },
            { header: 'Reference', cell: (b) => b.reference },
            { header: 'Submitted', cell: (b) => formatDateTime(b.submittedAt) },
            {
              header: 'Status',
              cell: (b) => {
                const t = tagOf(bidStatusTags, b.status)
                return <Tag colour={t.colour}>{t.text}</Tag>
              },
            },
            { header: 'Receipt hash', cell: (b) => <code className="app-break-words">{b.receiptHash}</code> },
          ]}
        />
      )}
      {(bids.kind === 'down' || bids.kind === 'refused') && <p className="govuk-body">Sorry, the bids cannot be listed just now. Try again later.</p>}
    </>
  )
}
