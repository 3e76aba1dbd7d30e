// The parts of a supplier's record that other features keep: its insurance
// certificates and the supplier lists (DPSs) it has applied to. Each loads on
// its own, so one that fails leaves the rest of the record.
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { api, call } from '../../../api/client'
import type { components } from '../../../api/schema'
import { Tag } from '../../../components/tag/tag'
import { formatDate } from '../../../format/dates'
import { formatPounds } from '../../../format/money'
import { categoryStatus } from '../../dps/labels'

type Insurance = components['schemas']['InsuranceView']
type Application = components['schemas']['SupplierApplication']
/** A part's data, 'failed' when it could not be had, 'hidden' when the role may not see it. */
type Part<T> = T[] | 'failed' | 'hidden' | undefined

function useItems<T>(load: () => Promise<T[]>, deps: unknown[]): Part<T> {
  const [items, setItems] = useState<Part<T>>()
  useEffect(() => {
    let live = true
    load()
      .then((r) => live && setItems(r))
      .catch((err: { status?: number }) => live && setItems(err?.status === 403 ? 'hidden' : 'failed'))
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  return items
}

/** Insurance lists a supplier's certificates, each to download, saying which have expired. */
export function SupplierInsurance({ organisationId }: { organisationId: string }) {
  const items = useItems<Insurance>(
    async () => (await call(api.GET('/api/v1/suppliers/{id}/insurances', { params: { path: { id: organisationId } } }))).items,
    [organisationId],
  )
  if (items === 'hidden') return null
  return (
    <>
      <h2 className="govuk-heading-m">Insurance</h2>
      {items === undefined ? (
        <p className="govuk-body">Loading the insurance certificates.</p>
      ) : items === 'failed' ? (
        <p className="govuk-body">We could not load the insurance certificates. Reload the page to try again.</p>
      ) : items.length === 0 ? (
        <p className="govuk-body">No certificates uploaded.</p>
      ) : (
        <ul className="govuk-list" data-testid="insurances">
          {items.map((c) => (
            <li key={c.id}>
              {formatPounds(c.amountPence)} {c.label.toLowerCase()} cover, {c.expired ? 'expired on' : 'valid until'} {formatDate(c.expiresOn)}{' '}
              {c.expired && <Tag colour="red">Expired</Tag>}
              <br />
              <a className="govuk-link app-break-words" href={`/api/v1/insurances/${encodeURIComponent(c.id)}/document`} download={c.filename}>
                {c.filename}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** SupplierLists lists the supplier lists (DPSs) the supplier applied to, with each category's decision. */
export function SupplierLists({ organisationId }: { organisationId: string }) {
  const items = useItems<Application>(
    async () => (await call(api.GET('/api/v1/suppliers/{id}/dps-applications', { params: { path: { id: organisationId } } }))).items,
    [organisationId],
  )
  if (items === 'hidden') return null
  return (
    <>
      <h2 className="govuk-heading-m">Supplier lists</h2>
      {items === undefined ? (
        <p className="govuk-body">Loading the supplier lists it applied to.</p>
      ) : items === 'failed' ? (
        <p className="govuk-body">We could not load the supplier lists it applied to. Reload the page to try again.</p>
      ) : items.length === 0 ? (
        <p className="govuk-body">It has not applied to any supplier list.</p>
      ) : (
        items.map((a) => (
          <div key={a.applicationId} className="govuk-!-margin-bottom-4" data-testid="supplier-list">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={`/dps-applications/${encodeURIComponent(a.applicationId)}`}>
                {a.dpsTitle}
              </Link>{' '}
              <span className="app-secondary-text">({a.dpsReference})</span>
            </h3>
            <ul className="govuk-list">
              {a.categories.map((c) => {
                const tag = categoryStatus(c.status)
                return (
                  <li key={c.categoryId}>
                    {c.name} <Tag colour={tag.colour}>{tag.text}</Tag>
                  </li>
                )
              })}
            </ul>
          </div>
        ))
      )}
    </>
  )
}
