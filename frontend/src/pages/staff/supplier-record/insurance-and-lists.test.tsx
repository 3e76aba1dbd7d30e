import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { SupplierInsurance, SupplierLists } from './insurance-and-lists'

const org = 'org-1'
const page = (
  <Route
    path="/suppliers/:id"
    element={
      <>
        <SupplierInsurance organisationId={org} />
        <SupplierLists organisationId={org} />
      </>
    }
  />
)

describe('the supplier record’s insurance and supplier lists', () => {
  it('lists each certificate with its cover and expiry, and each list applied to with its decisions', async () => {
    mockServer((req, url) => {
      if (url.pathname === `/api/v1/suppliers/${org}/insurances`)
        return json(200, {
          items: [
            { id: 'i1', kind: 'public_liability', label: 'Public liability', amountPence: 500_000_000, expiresOn: '2027-01-31', expired: false, filename: 'PL.pdf', size: 200, sha256: 'a'.repeat(64) },
            { id: 'i2', kind: 'employers_liability', label: 'Employer’s liability', amountPence: 1_000_000_000, expiresOn: '2026-01-31', expired: true, filename: 'EL.pdf', size: 200, sha256: 'b'.repeat(64) },
          ],
        })
      if (url.pathname === `/api/v1/suppliers/${org}/dps-applications`)
        return json(200, {
          items: [
            {
              applicationId: 'app-1',
              dpsId: 'dps-1',
              dpsTitle: 'Home care and support',
              dpsReference: 'DPS-2026-0001',
              status: 'decided',
              categories: [
                { categoryId: 'c1', name: 'Home care', status: 'admitted', reason: '' },
                { categoryId: 'c2', name: 'Respite care', status: 'rejected', reason: 'No overnight staff.' },
              ],
            },
          ],
        })
      return anonymous(req, url)
    })
    renderPage(page, `/suppliers/${org}`)
    const certs = within(await screen.findByTestId('insurances')).getAllByRole('listitem')
    expect(certs[0]).toHaveTextContent('£5,000,000 public liability cover, valid until 31 January 2027')
    expect(within(certs[0]).getByRole('link', { name: 'PL.pdf' })).toHaveAttribute('href', '/api/v1/insurances/i1/document')
    expect(certs[1]).toHaveTextContent('expired on 31 January 2026')
    expect(within(certs[1]).getByText('Expired')).toHaveClass('govuk-tag--red')
    const list = await screen.findByTestId('supplier-list')
    expect(within(list).getByRole('link', { name: 'Home care and support' })).toHaveAttribute('href', '/dps-applications/app-1')
    expect(list).toHaveTextContent('Home care Admitted')
    expect(list).toHaveTextContent('Respite care Not admitted')
  })

  it('leaves out what the officer’s role may not see, and says when a part cannot load', async () => {
    mockServer((req, url) => {
      if (url.pathname === `/api/v1/suppliers/${org}/insurances`) return json(500, { status: 500, title: 'Internal Server Error' })
      if (url.pathname === `/api/v1/suppliers/${org}/dps-applications`) return json(403, { status: 403, title: 'Forbidden' })
      return anonymous(req, url)
    })
    renderPage(page, `/suppliers/${org}`)
    expect(await screen.findByText('We could not load the insurance certificates. Reload the page to try again.')).toBeInTheDocument()
    expect(screen.queryByRole('heading', { name: 'Supplier lists' })).not.toBeInTheDocument()
  })
})
