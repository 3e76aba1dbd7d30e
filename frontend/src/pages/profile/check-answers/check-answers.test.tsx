import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { ProfileInput, ProfileView } from '../../../api/client'
import { anonymous, json, mockServer, supplier, type Route as ServerRoute } from '../../../test/fetch'
import { profileDraftServer, savedProfile } from '../../../test/profile'
import { renderPage } from '../../../test/render'
import { OrganisationDetails } from '../organisation-details/organisation-details'
import { ProfileLayout } from '../profile-state'
import { Size } from '../size/size'
import { YourProfile } from '../your-profile/your-profile'
import { CheckAnswers } from './check-answers'

const routes = (
  <Route key="p" path="/profile" element={<ProfileLayout />}>
    <Route index element={<YourProfile />} />
    <Route path="size" element={<Size />} />
    <Route path="organisation-details" element={<OrganisationDetails />} />
    <Route path="check-answers" element={<CheckAnswers />} />
    <Route path="classification" element={<h1>Classified</h1>} />
  </Route>
)

const conflict = {
  title: 'Precondition Failed',
  status: 412,
  detail: 'Someone else changed this profile while you were editing it. Reload the page to see their changes, then make yours again.',
}

/** server answers as a signed-in supplier whose saved profile is state.profile, with its version as the ETag. */
function server(state: { profile: ProfileView }, put: ServerRoute): ServerRoute {
  const draft = profileDraftServer()
  return (req, url) => {
    if (url.pathname === '/api/v1/supplier/profile/draft') return draft.route(req, url)
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/local-authorities') return json(200, { items: [{ code: 'E09000019', name: 'Islington', region: 'London' }] })
    if (url.pathname === '/api/v1/supplier/profile' && req.method === 'GET')
      return json(200, state.profile, { ETag: `"${state.profile.version}"` })
    if (url.pathname === '/api/v1/supplier/profile' && req.method === 'PUT') return put(req, url)
    return anonymous(req, url)
  }
}

const puts = (seen: Request[]) => seen.filter((r) => r.method === 'PUT' && new URL(r.url).pathname === '/api/v1/supplier/profile')

async function changeTurnover(to: string) {
  const turnover = await screen.findByLabelText('What was your turnover in your last financial year?')
  await userEvent.clear(turnover)
  await userEvent.type(turnover, to)
  await userEvent.click(screen.getByRole('button', { name: 'Continue' }))
  await screen.findByRole('heading', { level: 1, name: 'Check your answers before saving your profile' })
}

describe('profile check your answers', () => {
  it('saves the whole profile with If-Match set to the ETag it loaded, and turnover in pence', async () => {
    const state = { profile: savedProfile }
    const seen = mockServer(server(state, (_req) => json(200, { ...savedProfile, version: 4 }, { ETag: '"4"' })))
    renderPage(routes, '/profile/size?change=1')
    expect(await screen.findByLabelText('What was your turnover in your last financial year?')).toHaveValue('123,456')
    await changeTurnover('£2,000,000.50')
    expect(screen.getByText('£2,000,000.50')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }))
    await screen.findByRole('heading', { level: 1, name: 'Classified' })

    const [put] = puts(seen)
    expect(put.headers.get('If-Match')).toBe('"3"')
    const body = (await put.json()) as ProfileInput
    expect(body.turnoverPence).toBe(200_000_050)
    expect(body.staffCount).toBe(3)
    // Saved contacts keep their ids, so that an unchanged phone number keeps its age.
    expect(body.contacts).toEqual([{ id: 'c1', name: 'Sam Patel', jobTitle: 'Owner', email: 'sam@example.com', phone: '+442079460000' }])
    expect(body.accreditations).toEqual(['ISO 9001', 'Investors in People'])
    expect(body.cpvCodes).toEqual(['90910000-9'])
  })

  it('when someone else saved first (412), says so, keeps nothing of theirs overwritten, and offers to reload', async () => {
    const state = { profile: savedProfile }
    const seen = mockServer(
      server(state, () => {
        // Someone else saved version 4 in the meantime.
        state.profile = { ...savedProfile, tradingName: 'Their new name', version: 4 }
        return json(412, conflict)
      }),
    )
    renderPage(routes, '/profile/size?change=1')
    await changeTurnover('999')
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }))

    const summary = await screen.findByRole('alert')
    expect(summary).toHaveTextContent(conflict.detail)
    await waitFor(() => expect(document.title).toMatch(/^Error: Check your answers/))
    expect(puts(seen)[0].headers.get('If-Match')).toBe('"3"')

    await userEvent.click(within(summary).getByRole('link', { name: 'Reload the profile' }))
    expect(await screen.findByText('We have loaded the latest version of your profile. Make your changes again.')).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 1, name: 'Your organisation’s profile' })).toBeInTheDocument()
    // Starting again forgets the answers kept on the server too.
    expect(seen.some((r) => r.method === 'DELETE' && new URL(r.url).pathname === '/api/v1/supplier/profile/draft')).toBe(true)

    // The reloaded answers are theirs, and a save now goes with their ETag.
    await userEvent.click(screen.getByRole('link', { name: 'Check and save your profile' }))
    expect(await screen.findByText('Their new name')).toBeInTheDocument()
    expect(screen.getByText('£123,456')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }))
    await waitFor(() => expect(puts(seen)).toHaveLength(2))
    expect(puts(seen)[1].headers.get('If-Match')).toBe('"4"')
  })

  it('keeps the answers and the ETag they started from on the server, across a reload of the page', async () => {
    const state = { profile: savedProfile }
    const seen = mockServer(server(state, () => json(412, conflict)))
    const first = renderPage(routes, '/profile/size?change=1')
    await changeTurnover('777')
    first.unmount()

    // The phone rings, the tab reloads; meanwhile someone saves version 5.
    state.profile = { ...savedProfile, version: 5 }
    renderPage(routes, '/profile/check-answers')
    expect(await screen.findByText('£777')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }))
    await screen.findByRole('alert')
    // Not "5": saving over the newer version would lose what was saved in between.
    expect(puts(seen)[0].headers.get('If-Match')).toBe('"3"')
  })

  it('links each problem the server finds to its question page, which shows it by the field', async () => {
    const state = { profile: savedProfile }
    mockServer(
      server(state, () =>
        json(422, {
          title: 'Unprocessable Entity',
          status: 422,
          errors: [
            { location: 'body.vatNumber', message: 'Enter a real VAT registration number. Check you have copied all the digits correctly' },
            { location: 'body.postcode', message: 'refdata: invalid postcode: "ZZ"' },
          ],
        }),
      ),
    )
    renderPage(routes, '/profile/check-answers')
    await userEvent.click(await screen.findByRole('button', { name: 'Save profile' }))
    const summary = await screen.findByRole('alert')
    const vat = within(summary).getByRole('link', { name: /real VAT registration number/ })
    expect(vat).toHaveAttribute('href', '/profile/organisation-details?change=1')
    // A message in the server's own terms is replaced with plain English.
    expect(within(summary).getByRole('link', { name: 'Enter a real postcode, like N1 9GU' })).toHaveAttribute('href', '/profile/address?change=1')

    await userEvent.click(vat)
    await screen.findByRole('heading', { level: 1, name: 'Organisation details' })
    expect(document.getElementById('vatNumber-error')).toHaveTextContent('Enter a real VAT registration number')
    await waitFor(() => expect(document.title).toMatch(/^Error: Organisation details/))
  })
})
