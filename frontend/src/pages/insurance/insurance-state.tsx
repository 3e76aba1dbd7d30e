// Loading the organisation's insurance certificates, and what the pages show
// while they load or when they cannot.
import { useEffect, useState, type ReactNode } from 'react'
import { api, call, type Insurance } from '../../api/client'
import { isProblem } from '../../api/errors'
import { useOrganisationId } from '../../app/require-role'
import { Page } from '../../components/page/page'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import type { CertificateUpload } from './certificate'

/** The state of loading the certificates. */
export type InsuranceLoad = { kind: 'loading' } | { kind: 'down' } | { kind: 'refused'; detail: string } | { kind: 'ready'; items: Insurance[] }

/** useInsurances loads the organisation's certificates, soonest expiry first. */
export function useInsurances(): InsuranceLoad {
  const org = useOrganisationId()
  const [load, setLoad] = useState<InsuranceLoad>({ kind: 'loading' })
  useEffect(() => {
    let live = true
    call(api.GET('/api/v1/supplier/insurances', { params: { query: { organisationId: org } } }))
      .then((d) => live && setLoad({ kind: 'ready', items: d.items }))
      .catch((err: unknown) => live && setLoad(isProblem(err) ? { kind: 'refused', detail: err.problem.detail ?? '' } : { kind: 'down' }))
    return () => {
      live = false
    }
  }, [org])
  return load
}

/**
 * uploadCertificate sends the file itself as the request body, through the
 * same client as every other call (CSRF header, refresh, errors); the details
 * go in the query string.
 */
export async function uploadCertificate(file: Blob, u: CertificateUpload, organisationId: string | undefined): Promise<Insurance> {
  const { contentType, ...query } = u
  return call(
    api.POST('/api/v1/supplier/insurances', {
      params: { query: { ...query, organisationId }, header: { 'Content-Type': contentType } },
      // The schema has no request body (huma does not read it); the file goes as it is.
      body: file as never,
      bodySerializer: (b: unknown) => b as BodyInit,
    }),
  )
}

/** documentHref is where a certificate's document is downloaded from. */
export function documentHref(id: string): string {
  return `/api/v1/insurances/${encodeURIComponent(id)}/document`
}

/** What the list may be told through navigation state. */
export interface InsuranceNotice {
  notice?: string
}

/** InsuranceGate shows loading, refusal or the service problem, or its children once the certificates have loaded. */
export function InsuranceGate({ load, children }: { load: InsuranceLoad; children: (items: Insurance[]) => ReactNode }) {
  switch (load.kind) {
    case 'loading':
      return (
        <Page title="Loading">
          <h1 className="govuk-heading-l">Loading</h1>
          <p className="govuk-body" role="status">
            Please wait.
          </p>
        </Page>
      )
    case 'down':
      return <ServiceProblem />
    case 'refused':
      return (
        <Page title="You cannot see these insurance certificates">
          <h1 className="govuk-heading-l">You cannot see these insurance certificates</h1>
          <p className="govuk-body">{load.detail || 'You need to be a member of an organisation to see its insurance certificates.'}</p>
        </Page>
      )
    case 'ready':
      return <>{children(load.items)}</>
  }
}
