// Loading and sending the organisation's insurance certificates, and what the
// pages say when the server refuses them.
import { api, call, type Insurance } from '../../api/client'
import { useOrganisationId } from '../../app/require-role'
import { NOTHING_MISSING, useLoad, type Load } from '../../lib/use-load'
import type { CertificateUpload } from './certificate'

/** useInsurances loads the organisation's certificates, soonest expiry first. */
export function useInsurances(): Load<Insurance[]> {
  const org = useOrganisationId()
  return useLoad(async () => (await call(api.GET('/api/v1/supplier/insurances', { params: { query: { organisationId: org } } }))).items, [org], NOTHING_MISSING).load
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

/** What the insurance pages say when the server refuses them, for LoadGate. */
export const insuranceRefusal = {
  refusedTitle: 'You cannot see these insurance certificates',
  refusedDetail: 'You need to be a member of an organisation to see its insurance certificates.',
}
