import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router'
import { api, call, type ProfileView } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { Table } from '../../../components/table/table'
import { formatDate } from '../../../format/dates'
import { formatPounds } from '../../../format/money'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { ClassificationSummary } from '../../profile/classification/classification-summary'
import { answerLabels, yesNo } from '../../profile/labels'
import { legalFormLabel } from '../../../lib/labels'
import { SupplierInsurance, SupplierLists } from './insurance-and-lists'

function lines(parts: string[]): ReactNode {
  const shown = parts.filter((p) => p.trim())
  if (!shown.length) return undefined
  return shown.map((p, i) => (
      <span key={i}>
        {i > 0 && <br />}
        {p}
      </span>
    ))
}

const none = <span className="app-secondary-text">None given</span>

/**
 * SupplierRecord is a supplier's record as council staff see it: the profile,
 * how it is classified and why, its contacts and its ethical declarations.
 */
export function SupplierRecord() {
  const { id = '' } = useParams()
  // An officer may see every supplier: any refusal is as good as not found.
  const { load } = useLoad(() => call(api.GET('/api/v1/suppliers/{id}', { params: { path: { id } } })), [id], { missing: 'any' })
  return (
    <LoadGate load={load} loadingTitle="Loading supplier">
      {(v) => <SupplierPage v={v} />}
    </LoadGate>
  )
}

function SupplierPage({ v }: { v: ProfileView }) {
  return (
    <Page title={v.organisationName}>
      <BackLink to="/suppliers">Back to suppliers</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Supplier</span>
          <h1 className="govuk-heading-l">{v.organisationName}</h1>
          {v.version === 0 ? (
            <p className="govuk-body">This supplier has not filled in its profile yet.</p>
          ) : (
            v.updatedAt && <p className="govuk-body">Profile last changed on {formatDate(v.updatedAt)}.</p>
          )}
          {v.missing.length > 0 && (
            <>
              <p className="govuk-body govuk-!-margin-bottom-1">The profile is not complete. Still to give:</p>
              <ul className="govuk-list govuk-list--bullet">
                {v.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          )}
          <h2 className="govuk-heading-m">Organisation</h2>
          <SummaryList
            className="govuk-!-margin-bottom-9"
            rows={[
              { key: 'Legal name', value: v.legalName },
              { key: 'Trading name', value: v.tradingName || none },
              { key: 'Type of organisation', value: legalFormLabel(v.legalForm) },
              ...(v.companiesHouseNumber ? [{ key: 'Companies House number', value: v.companiesHouseNumber }] : []),
              ...(v.charityNumber ? [{ key: 'Charity number', value: v.charityNumber }] : []),
              ...(v.oscrNumber ? [{ key: 'Scottish charity number', value: v.oscrNumber }] : []),
              ...(v.fcaNumber ? [{ key: 'FCA Mutuals Public Register number', value: v.fcaNumber }] : []),
              { key: 'VAT registration number', value: v.vatNumber || none },
              { key: 'Registered address', value: lines([v.addressLine1, v.addressLine2, v.town, v.postcode]) || none },
              { key: 'Local authority', value: v.localAuthority || none },
              { key: 'Staff', value: v.version ? v.staffCount.toLocaleString('en-GB') : none },
              { key: 'Turnover', value: v.version ? formatPounds(v.turnoverPence) : none },
              { key: 'What it does', value: v.description ? <span className="app-pre-line">{v.description}</span> : none },
              { key: 'Employee-owned', value: yesNo(v.employeeOwned) },
              { key: 'Social enterprise', value: yesNo(v.socialEnterprise) },
              { key: 'Asset lock', value: yesNo(v.assetLock) },
            ]}
          />
          {v.version > 0 && (
            <>
              <h2 className="govuk-heading-m">How it is classified</h2>
              <p className="govuk-body">The reasons are worded as the supplier sees them.</p>
              <div className="govuk-!-margin-bottom-9">
                <ClassificationSummary c={v.classification} />
              </div>
            </>
          )}
          <h2 className="govuk-heading-m">Kinds of work</h2>
          {v.cpvDetails.length ? (
            <ul className="govuk-list govuk-list--bullet">
              {v.cpvDetails.map((c) => (
                <li key={c.code}>
                  {c.description} <span className="app-cpv-code">{c.code}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">None chosen.</p>
          )}
          <h2 className="govuk-heading-m">Accreditations</h2>
          {v.accreditations?.length ? (
            <ul className="govuk-list govuk-list--bullet">
              {v.accreditations.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">None given.</p>
          )}
          <SupplierInsurance organisationId={v.organisationId} />
          <SupplierLists organisationId={v.organisationId} />
          <h2 className="govuk-heading-m">Contacts</h2>
          {v.contactDetails.length ? (
            v.contactDetails.map((c) => (
              <SummaryList
                key={c.id}
                rows={[
                  { key: 'Name', value: c.name },
                  { key: 'Job title', value: c.jobTitle || none },
                  { key: 'Email address', value: c.email ? <a className="govuk-link app-break-words" href={`mailto:${c.email}`}>{c.email}</a> : none },
                  { key: 'Phone', value: `${c.phone} (on record since ${formatDate(c.phoneSince)})` },
                ]}
              />
            ))
          ) : (
            <p className="govuk-body">None given.</p>
          )}
        </div>
      </div>
      <h2 className="govuk-heading-m">Ethical standards</h2>
      <Table
        caption="Ethical standards declarations"
        captionSize="hidden"
        scrollLabel="Ethical standards declarations (scrolls sideways on a small screen)"
        firstCellIsHeader
        rows={v.declarations}
        rowKey={(d) => d.standard}
        columns={[
          { header: 'Standard', cell: (d) => d.title },
          { header: 'Answer', cell: (d) => (d.answer ? answerLabels[d.answer] : <span className="app-secondary-text">Not answered</span>) },
          { header: 'Evidence', cell: (d) => (d.evidence ? <span className="app-break-words">{d.evidence}</span> : '') },
          {
            header: 'Declared',
            cell: (d) => (d.declaredAt ? `${d.declaredBy || 'Unknown'}, ${formatDate(d.declaredAt)}` : ''),
          },
        ]}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to="/suppliers">
          Back to suppliers
        </Link>
      </p>
    </Page>
  )
}
