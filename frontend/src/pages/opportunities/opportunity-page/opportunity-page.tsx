import { Link, useLocation, useParams } from 'react-router'
import { api, call } from '../../../api/client'
import { useSite } from '../../../app/site'
import { BackLink } from '../../../components/back-link/back-link'
import { Details } from '../../../components/details/details'
import { InsetText } from '../../../components/inset-text/inset-text'
import { Page } from '../../../components/page/page'
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { Table } from '../../../components/table/table'
import { Tag } from '../../../components/tag/tag'
import { WarningText } from '../../../components/warning-text/warning-text'
import { formatDate } from '../../../format/dates'
import { formatPounds } from '../../../format/money'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { fileKind, formatDateTime, formatDay, formatSize, percent } from '../format'
import type { FromSearch } from '../opportunity-search/opportunity-search'
import { BidSlot } from '../bid-slot'
import { QuestionsSlot } from '../questions-slot'
import { RegisterInterestSlot } from '../register-interest-slot'
import { timeLeft } from '../time-left'
import type { OpportunityDocument, OpportunityView } from '../types'
import '../opportunities.css'
import { criterionKindLabels, procedureLabels, workLocalityLabels } from '../../../lib/labels'

/** documentHref is where a document downloads from. */
export function documentHref(opportunityId: string, d: OpportunityDocument): string {
  return d.url || `/api/v1/opportunities/${encodeURIComponent(opportunityId)}/documents/${encodeURIComponent(d.id)}`
}

/** calendarHref is the address of the deadlines as a calendar file. */
export function calendarHref(opportunityId: string): string {
  return `/api/v1/opportunities/${encodeURIComponent(opportunityId)}/calendar.ics`
}

const deadlineText = (d: { at: string; text?: string } | undefined) => (d ? d.text || formatDateTime(d.at) : 'Not given')

// Standing says at the top of the page how long is left, or why there is no time left.
function Standing({ o, now }: { o: OpportunityView; now: Date }) {
  if (o.status === 'cancelled') {
    return (
      <>
        <p className="govuk-body">
          <Tag colour="red">Cancelled</Tag>
        </p>
        <WarningText>
          The council cancelled this opportunity{o.cancelledAt ? ` on ${formatDate(o.cancelledAt)}` : ''}. You cannot bid for it.
        </WarningText>
        {o.cancelReason && (
          <InsetText>
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">Why it was cancelled</h2>
            <p className="govuk-body app-pre-line">{o.cancelReason}</p>
          </InsetText>
        )}
      </>
    )
  }
  if (o.status === 'planned') {
    return (
      <>
        <p className="govuk-body">
          <Tag colour="blue">Planned</Tag>
        </p>
        <p className="govuk-body-l">
          {o.expectedQuarterText
            ? `The council expects to open this for bids in ${o.expectedQuarterText}.`
            : 'The council plans to open this for bids later.'}{' '}
          You cannot bid for it yet.
        </p>
      </>
    )
  }
  const left = o.status === 'open' && o.submissionDeadline ? timeLeft(o.submissionDeadline.at, now) : undefined
  if (!left?.open) {
    return (
      <>
        <p className="govuk-body">
          <Tag colour="grey">Closed</Tag>
        </p>
        <p className="govuk-body-l">
          This opportunity closed to bids{o.submissionDeadline ? ` at ${deadlineText(o.submissionDeadline)}` : ''}. You can no longer bid.
        </p>
      </>
    )
  }
  return (
    <div className="app-time-left">
      <p className="govuk-heading-m govuk-!-margin-bottom-2">{left.text}</p>
      <p className="govuk-body">Bids must arrive by {deadlineText(o.submissionDeadline)}.</p>
    </div>
  )
}

function KeyFacts({ o }: { o: OpportunityView }) {
  const where = [o.placeOfDeliveryName || o.placeOfDelivery, workLocalityLabels[o.locality]].filter(Boolean).join(' – ')
  const rows: SummaryRow[] = [
    { key: 'Value', value: o.valueText || (o.estimatedValuePence ? `${formatPounds(o.estimatedValuePence)} (without VAT)` : 'Not given') },
    { key: 'Contract length', value: o.contractLengthText || 'Not given' },
    { key: 'Where the work is done', value: where || 'Not given' },
    {
      key: 'How to bid',
      value: (
        <>
          {o.procedureLabel || procedureLabels[o.procedure] || 'Not given'}
          {o.procedure === 'dps_call' && (
            <>
              {' '}
              (
              <Link className="govuk-link" to="/glossary#dps">
                what is a DPS?
              </Link>
              )
            </>
          )}
        </>
      ),
    },
    { key: 'Reference', value: o.reference },
  ]
  if (o.status === 'planned') {
    rows.push({ key: 'Expected to open for bids', value: o.expectedQuarterText || 'Not given' })
  } else {
    rows.push(
      { key: 'Deadline for questions', value: deadlineText(o.clarificationDeadline) },
      { key: 'Deadline for bids', value: deadlineText(o.submissionDeadline) },
      { key: 'Expected award date', value: formatDay(o.expectedAwardOn) || 'Not given' },
    )
  }
  if (o.publishedAt) rows.push({ key: 'Published', value: formatDate(o.publishedAt) })
  if (o.contactEmail) {
    rows.push({
      key: 'Contact',
      value: (
        <a className="govuk-link app-break-words" href={`mailto:${o.contactEmail}`}>
          {o.contactEmail}
        </a>
      ),
    })
  }
  return <SummaryList rows={rows} />
}

function WhoCanBid({ o }: { o: OpportunityView }) {
  const { opportunityRules } = useSite()
  const lines = o.whoCanBid.length > 0 ? o.whoCanBid : ['Any organisation can bid.']
  const threshold = opportunityRules.reservedThresholdPence
  return (
    <>
      <h2 className="govuk-heading-m">Who can bid</h2>
      <ul className="govuk-list govuk-list--bullet">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      {o.reserved && o.reserved !== 'none' && (
        <p className="govuk-body">
          The council has kept this contract for some kinds of supplier. Councils can do this for contracts worth less than{' '}
          {threshold > 0 ? formatPounds(threshold) : 'a limit set by law'}, so that local firms, small businesses and community
          organisations have a fair chance of winning them.
        </p>
      )}
      {(o.suitableForSmes || o.suitableForVcses) && (
        <p className="govuk-body">
          Read what{' '}
          <Link className="govuk-link" to="/glossary#sme">
            small and medium-sized businesses (SMEs)
          </Link>{' '}
          and{' '}
          <Link className="govuk-link" to="/glossary#vcse">
            VCSEs
          </Link>{' '}
          are.
        </p>
      )}
    </>
  )
}

function Judging({ o }: { o: OpportunityView }) {
  const { opportunityRules } = useSite()
  return (
    <>
      <h2 className="govuk-heading-m">How bids will be judged</h2>
      {o.criteria.length === 0 ? (
        <p className="govuk-body">The council has not said yet how it will judge bids.</p>
      ) : (
        <Table
          caption="What each part of a bid is worth"
          captionSize="s"
          scrollLabel="How bids will be judged (scrolls sideways on a small screen)"
          firstCellIsHeader
          rows={o.criteria}
          rowKey={(c) => `${c.kind}-${c.name}`}
          columns={[
            {
              header: 'What is judged',
              cell: (c) => (
                <>
                  {c.name}
                  {c.description && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 app-secondary-text">{c.description}</span>}
                </>
              ),
            },
            { header: 'Kind', cell: (c) => criterionKindLabels[c.kind] ?? c.kind },
            { header: 'Share of the score', numeric: true, cell: (c) => c.weightText || percent(c.weightBp) },
          ]}
        />
      )}
      {o.criteria.length > 0 && (
        <p className="govuk-body">
          <Link className="govuk-link" to="/glossary#social-value">
            Social value
          </Link>{' '}
          (what your work does for local people, jobs and the environment) counts for{' '}
          {o.socialValueWeightText || percent(o.socialValueWeightBp)} of the score.
        </p>
      )}
      {o.socialValueJustification && (
        <InsetText>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            Why social value counts for less than {percent(opportunityRules.socialValueMinBp)}
          </h3>
          <p className="govuk-body app-pre-line">{o.socialValueJustification}</p>
        </InsetText>
      )}
    </>
  )
}

function Documents({ o }: { o: OpportunityView }) {
  const current = o.documents.filter((d) => d.current)
  const earlier = o.documents.filter((d) => !d.current)
  const item = (d: OpportunityDocument) => (
    <li key={d.id}>
      <a className="govuk-link app-break-words" href={documentHref(o.id, d)} download={d.filename}>
        {d.filename}
      </a>
      <span className="govuk-body-s govuk-!-display-block app-secondary-text">
        {fileKind(d.contentType)}, {formatSize(d.size)}, added {formatDate(d.uploadedAt)}
        {d.supersededAt ? `, replaced ${formatDate(d.supersededAt)}` : ''}
      </span>
    </li>
  )
  return (
    <>
      <h2 className="govuk-heading-m">Documents</h2>
      {o.documentsHiddenReason ? (
        <div className="govuk-inset-text">{o.documentsHiddenReason}</div>
      ) : current.length === 0 ? (
        <p className="govuk-body">There are no documents for this opportunity.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">{current.map(item)}</ul>
      )}
      {earlier.length > 0 && (
        <Details summary="Earlier versions of documents">
          <ul className="govuk-list govuk-list--spaced">{earlier.map(item)}</ul>
        </Details>
      )}
    </>
  )
}

function Changes({ o }: { o: OpportunityView }) {
  if (o.status === 'planned') return null
  return (
    <>
      <h2 className="govuk-heading-m">What has changed</h2>
      {o.amendments.length === 0 ? (
        <p className="govuk-body">Nothing has changed since it was published.</p>
      ) : (
        <ol className="govuk-list">
          {[...o.amendments]
            .sort((a, b) => b.number - a.number)
            .map((a) => (
              <li key={a.number} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  Change {a.number}: {formatDateTime(a.createdAt)}
                </h3>
                {a.note && <p className="govuk-body app-pre-line">{a.note}</p>}
                {a.changes.length > 0 && (
                  <SummaryList
                    rows={a.changes.map((c) => ({
                      key: c.label || c.field,
                      value: (
                        <>
                          <span className="govuk-!-display-block">Was: {c.before || 'Not given'}</span>
                          <span className="govuk-!-display-block">Now: {c.after || 'Not given'}</span>
                        </>
                      ),
                    }))}
                  />
                )}
              </li>
            ))}
        </ol>
      )}
    </>
  )
}

/**
 * OpportunityPage is an opportunity's public page, in plain English: what the
 * council wants, how long is left to bid (in London days), the key facts, who
 * can bid, how bids will be judged, lots, kinds of work, documents and what
 * has changed since it was published.
 */
export function OpportunityPage() {
  const { id = '' } = useParams()
  const from = (useLocation().state as FromSearch | null)?.from
  // A malformed ID is as missing as an unknown one.
  const { load } = useLoad(() => call(api.GET('/api/v1/opportunities/{id}', { params: { path: { id } } })), [id], { missing: [404, 422] })
  return (
    <LoadGate load={load} loadingMessage="Loading the opportunity." refusedTitle="You cannot see this opportunity">
      {(o) => <Opportunity o={o} from={from} />}
    </LoadGate>
  )
}

function Opportunity({ o, from }: { o: OpportunityView; from?: string }) {
  const now = new Date()
  const open = o.status === 'open' && !!o.submissionDeadline && timeLeft(o.submissionDeadline.at, now).open

  return (
    <Page title={o.title}>
      <BackLink to={from ?? '/opportunities'}>{from ? 'Back to search results' : 'Back'}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{o.reference}</span>
          <h1 className="govuk-heading-l">{o.title}</h1>
          <Standing o={o} now={now} />
          {open && (
            <p className="govuk-body">
              <a className="govuk-link" href={calendarHref(o.id)}>
                Add the deadlines to your calendar
              </a>
            </p>
          )}
          {o.shortPeriodReason && o.status !== 'planned' && (
            <InsetText>
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">Why there is less time to bid than usual</h2>
              <p className="govuk-body app-pre-line">{o.shortPeriodReason}</p>
            </InsetText>
          )}

          {/* The "Register interest" control goes here; see register-interest-slot.tsx. */}
          <RegisterInterestSlot opportunityId={o.id} />

          <h2 className="govuk-heading-m">What the council wants</h2>
          <p className="govuk-body-l app-pre-line">{o.summary}</p>
          {o.description && <p className="govuk-body app-pre-line">{o.description}</p>}

          <h2 className="govuk-heading-m">Key facts</h2>
          <KeyFacts o={o} />

          <WhoCanBid o={o} />
          {o.status !== 'planned' && <Judging o={o} />}

          {o.lots.length > 0 && (
            <>
              <h2 className="govuk-heading-m">Lots</h2>
              <p className="govuk-body">
                The work is split into {o.lots.length} parts, called{' '}
                <Link className="govuk-link" to="/glossary#lot">
                  lots
                </Link>
                . You can bid for one or more of them.
              </p>
              {o.lots.map((l, i) => (
                <div key={l.id || i}>
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                    Lot {i + 1}: {l.title}
                  </h3>
                  {l.description && <p className="govuk-body app-pre-line">{l.description}</p>}
                  <SummaryList
                    rows={[
                      { key: 'Value', value: l.valueText || (l.valuePence ? formatPounds(l.valuePence) : 'Not given') },
                      { key: 'Kind of work', value: l.cpvCode ? `${l.cpvDescription || 'CPV code'} (${l.cpvCode})` : 'Not given' },
                    ]}
                  />
                </div>
              ))}
            </>
          )}

          <h2 className="govuk-heading-m">Kind of work</h2>
          <p className="govuk-body">
            The council describes the work with these{' '}
            <Link className="govuk-link" to="/glossary#cpv-code">
              CPV codes
            </Link>
            :
          </p>
          <ul className="govuk-list govuk-list--bullet">
            {o.cpvCodes.map((c) => (
              <li key={c.code}>
                {c.description || 'CPV code'} <span className="app-cpv-code">{c.code}</span>
              </li>
            ))}
          </ul>

          {o.status !== 'planned' && <Documents o={o} />}
          {/* What a bid must include and "Start a bid" go here; see bid-slot.tsx. */}
          <BidSlot opportunity={o} />
          {/* "Questions and answers" goes here; see questions-slot.tsx. */}
          <QuestionsSlot opportunity={o} />
          <Changes o={o} />
        </div>
      </div>
    </Page>
  )
}
