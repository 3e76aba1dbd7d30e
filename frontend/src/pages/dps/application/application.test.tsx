import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, supplier, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { buyer, draftApplication, homeCare, ids, problem, serve, submittedApplication } from '../fixtures'
import { DpsApplicationRoutes } from '../routes'
import type { Application, Dps } from '../types'

const routes = <Route path="/dps-applications/*" element={<DpsApplicationRoutes />} />
const path = `/api/v1/dps-applications/${ids.app}`

function serveApp(me: object, app: () => Application, more: ServerRoute = () => undefined, dps: Dps = homeCare()) {
  return serve(me, async (req, url) => {
    const answer = await more(req, url)
    if (answer) return answer
    if (url.pathname === path && req.method === 'GET') return json(200, app())
    if (url.pathname === `/api/v1/dps/${ids.dps}`) return json(200, dps)
    return undefined
  })
}

const twoCategories = () =>
  submittedApplication({
    categories: [
      { categoryId: ids.homeCare, name: 'Home care', status: 'requested', reason: '' },
      { categoryId: ids.respite, name: 'Respite care', status: 'requested', reason: '' },
    ],
  })

describe('ApplicationPage for its supplier', () => {
  it('lists an unsent application’s questions as tasks, saying which came from the profile', async () => {
    serveApp(supplier, () => draftApplication())
    renderPage(routes, `/dps-applications/${ids.app}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Apply to join Home care and support' })).toBeInTheDocument()
    expect(screen.getByText('You have answered 1 of 3 questions.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Public liability insurance' })).toHaveAccessibleDescription(/We filled this in from your profile: check it Completed/)
    expect(screen.getByRole('link', { name: 'Do you pay the London Living Wage?' })).toHaveAttribute('href', `/dps-applications/${ids.app}/questions/1`)
    const send = screen.getByText('Check your answers and send').closest('li')!
    expect(within(send).queryByRole('link')).not.toBeInTheDocument()
    expect(send).toHaveTextContent('Cannot start yet')
  })

  it('shows each category’s decision with the reasons as feedback, and offers more categories', async () => {
    serveApp(supplier, () =>
      submittedApplication({
        status: 'decided',
        decidedAt: '2027-01-08T10:00:00Z',
        categories: [
          { categoryId: ids.homeCare, name: 'Home care', status: 'admitted', reason: '', decidedAt: '2027-01-08T10:00:00Z' },
          { categoryId: ids.respite, name: 'Respite care', status: 'rejected', reason: 'No overnight staff yet.', decidedAt: '2027-01-08T10:00:00Z' },
        ],
      }),
    )
    renderPage(routes, `/dps-applications/${ids.app}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Your application to Home care and support' })).toBeInTheDocument()
    expect(screen.getByText('Admitted')).toHaveClass('govuk-tag--green')
    expect(screen.getByText('Not admitted')).toBeInTheDocument()
    expect(screen.getByText('No overnight staff yet.')).toBeInTheDocument()
    // After a refusal: who to ask, and that they may apply again at once.
    const after = screen.getByTestId('after-refusal')
    expect(within(after).getByRole('link', { name: 'procurement@islington.example.gov.uk' })).toHaveAttribute('href', 'mailto:procurement@islington.example.gov.uk')
    expect(after).toHaveTextContent('You can apply again at any time while this list is open')
    expect(screen.getByRole('link', { name: 'Apply for more categories' })).toHaveAttribute('href', `/dps/${ids.dps}/apply`)
    expect(screen.queryByRole('link', { name: 'Withdraw this application' })).not.toBeInTheDocument()
  })

  it('says by when a sent application will be decided, and lets it be withdrawn', async () => {
    serveApp(supplier, () => submittedApplication({ extended: true, extensionReason: 'We are checking references.' }))
    renderPage(routes, `/dps-applications/${ids.app}`)
    expect(await screen.findByText('Tuesday 12 January 2027')).toBeInTheDocument()
    expect(screen.getByText('We are checking references.')).toBeInTheDocument()
    expect(screen.queryByTestId('after-refusal')).not.toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Withdraw this application' })).toHaveAttribute('href', `/dps-applications/${ids.app}/withdraw`)
  })
})

describe('ApplicationPage for buyers', () => {
  it('shows the answers and records a decision for every category', async () => {
    document.cookie = 'ft_csrf=tok; path=/'
    let decided = false
    const seen = serveApp(buyer, () => (decided ? submittedApplication({ status: 'decided' }) : twoCategories()), (_req, url) => {
      if (url.pathname !== `${path}/decision`) return undefined
      decided = true
      return json(
        200,
        submittedApplication({
          status: 'decided',
          categories: [
            { categoryId: ids.homeCare, name: 'Home care', status: 'admitted', reason: '' },
            { categoryId: ids.respite, name: 'Respite care', status: 'rejected', reason: 'No overnight staff.' },
          ],
        }),
      )
    })
    renderPage(routes, `/dps-applications/${ids.app}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Patel Cleaning' })).toBeInTheDocument()
    expect(screen.getByText('From their profile')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'pl.pdf' })).toHaveAttribute('href', `/api/v1/insurances/${ids.certificate}/document`)
    expect(screen.getByText('(3 working days left)')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Take longer to decide (up to 15 working days)' })).toHaveAttribute('href', `/dps-applications/${ids.app}/extend`)

    const care = screen.getByRole('group', { name: 'Admit to ‘Home care’?' })
    await userEvent.click(within(care).getByLabelText('Admit'))
    const respite = screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })
    expect(document.getElementById('decisions-1-outcome-conditional')).toHaveClass('govuk-radios__conditional--hidden')
    await userEvent.click(within(respite).getByLabelText('Do not admit'))
    expect(document.getElementById('decisions-1-outcome-conditional')).not.toHaveClass('govuk-radios__conditional--hidden')
    await userEvent.type(within(respite).getByLabelText('Why not?'), 'No overnight staff.')
    await userEvent.click(screen.getByRole('button', { name: 'Record decision' }))

    // A refusal is checked first: nothing is sent until it is confirmed.
    const check = await screen.findByTestId('check-decision')
    expect(check).toHaveTextContent('Home careAdmit')
    expect(check).toHaveTextContent('Respite careDo not admit. The supplier reads:No overnight staff.')
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
    await userEvent.click(screen.getByRole('button', { name: 'Confirm and tell the supplier' }))

    expect(await screen.findByText('Decision recorded. We have told Patel Cleaning.')).toBeInTheDocument()
    expect(screen.getByText('Admitted')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: /^Suspend\s*Patel Cleaning from Home care$/ })).toHaveAttribute(
      'href',
      `/dps-applications/${ids.app}/categories/${ids.homeCare}/suspend`,
    )
    const post = seen.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({
      decisions: [
        { categoryId: ids.homeCare, outcome: 'admit' },
        { categoryId: ids.respite, outcome: 'reject', reason: 'No overnight staff.' },
      ],
    })
  })

  it('links to the file the supplier uploaded, with its size', async () => {
    const fileUrl = `${path}/answers/${ids.insurance}/document`
    const d = submittedApplication()
    serveApp(buyer, () =>
      submittedApplication({
        answers: d.answers.map((a, i) =>
          i === 1 ? { ...a, value: 'PL cover 2027.pdf', fromProfile: false, document: { filename: 'PL cover 2027.pdf', size: 3 * 1024 * 1024, sha256: 'cd'.repeat(32), url: fileUrl } } : a,
        ),
      }),
    )
    renderPage(routes, `/dps-applications/${ids.app}`)
    expect(await screen.findByRole('link', { name: 'PL cover 2027.pdf' })).toHaveAttribute('href', fileUrl)
    expect(screen.getByText('(3.0 MB)')).toBeInTheDocument()
    expect(screen.queryByText('From their profile')).not.toBeInTheDocument()
  })

  it('asks for every category’s decision, and shows the server’s refusal of a rejection without reasons', async () => {
    serveApp(buyer, twoCategories, (_req, url) =>
      url.pathname === `${path}/decision`
        ? problem(422, [{ location: 'body.decisions[1].reason', message: 'Give the reasons for rejecting: the supplier reads them as feedback' }])
        : undefined,
    )
    renderPage(routes, `/dps-applications/${ids.app}`)
    await userEvent.click(await screen.findByRole('button', { name: 'Record decision' }))
    expect(await screen.findByRole('link', { name: 'Choose whether to admit the supplier to ‘Home care’' })).toHaveAttribute('href', '#decisions-0-outcome')
    expect(screen.getByRole('link', { name: 'Choose whether to admit the supplier to ‘Respite care’' })).toHaveAttribute('href', '#decisions-1-outcome')

    await userEvent.click(within(screen.getByRole('group', { name: 'Admit to ‘Home care’?' })).getByLabelText('Admit'))
    await userEvent.click(within(screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })).getByLabelText('Do not admit'))
    await userEvent.click(screen.getByRole('button', { name: 'Record decision' }))
    // The page asks for the reasons itself, before the check page.
    expect(await screen.findByRole('link', { name: 'Give the reasons for not admitting the supplier' })).toHaveAttribute('href', '#decisions-1-reason')
    // The server's own refusal, after confirming, goes back to the form on that field.
    await userEvent.type(within(screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })).getByLabelText('Why not?'), 'x')
    await userEvent.click(screen.getByRole('button', { name: 'Record decision' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm and tell the supplier' }))
    expect(await screen.findByRole('link', { name: 'Give the reasons for rejecting: the supplier reads them as feedback' })).toHaveAttribute(
      'href',
      '#decisions-1-reason',
    )
    expect(document.getElementById('decisions-1-reason-error')).toHaveTextContent('Give the reasons for rejecting')
    expect(within(screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })).getByLabelText('Why not?')).toHaveValue('x')
    await waitFor(() => expect(document.title).toMatch(/^Error: Patel Cleaning/))
  })

  it('decides one category now and leaves the other for later', async () => {
    document.cookie = 'ft_csrf=tok; path=/'
    const partly = () =>
      submittedApplication({
        categories: [
          { categoryId: ids.homeCare, name: 'Home care', status: 'admitted', reason: '' },
          { categoryId: ids.respite, name: 'Respite care', status: 'requested', reason: '' },
        ],
      })
    let decided = false
    const seen = serveApp(buyer, () => (decided ? partly() : twoCategories()), (_req, url) => {
      if (url.pathname !== `${path}/decision`) return undefined
      decided = true
      return json(200, partly())
    })
    renderPage(routes, `/dps-applications/${ids.app}`)
    const respite = await screen.findByRole('group', { name: 'Admit to ‘Respite care’?' })
    await userEvent.click(within(respite).getByLabelText('Decide later'))
    await userEvent.click(screen.getByRole('button', { name: 'Record decision' }))
    expect(await screen.findByRole('link', { name: 'Choose whether to admit the supplier to ‘Home care’' })).toHaveAttribute('href', '#decisions-0-outcome')
    await userEvent.click(within(screen.getByRole('group', { name: 'Admit to ‘Home care’?' })).getByLabelText('Decide later'))
    await userEvent.click(screen.getByRole('button', { name: 'Record decision' }))
    expect(await screen.findByRole('link', { name: 'Decide at least one category now, or come back when you can' })).toBeInTheDocument()

    await userEvent.click(within(screen.getByRole('group', { name: 'Admit to ‘Home care’?' })).getByLabelText('Admit'))
    await userEvent.click(screen.getByRole('button', { name: 'Record decision' }))
    expect(await screen.findByText('Decision recorded. We have told Patel Cleaning.')).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 2, name: 'Decided so far' })).toBeInTheDocument()
    expect(screen.queryByRole('group', { name: 'Admit to ‘Home care’?' })).not.toBeInTheDocument()
    const left = screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })
    expect(within(left).queryByLabelText('Decide later')).not.toBeInTheDocument()
    const post = seen.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({ decisions: [{ categoryId: ids.homeCare, outcome: 'admit' }] })
  })

  it('puts the server’s problem with a category on that category, whatever was left for later', async () => {
    serveApp(buyer, twoCategories, (_req, url) =>
      url.pathname === `${path}/decision`
        ? problem(422, [{ location: 'body.decisions[0].reason', message: 'Give the reasons for rejecting: the supplier reads them as feedback' }])
        : undefined,
    )
    renderPage(routes, `/dps-applications/${ids.app}`)
    await userEvent.click(within(await screen.findByRole('group', { name: 'Admit to ‘Home care’?' })).getByLabelText('Decide later'))
    await userEvent.click(within(screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })).getByLabelText('Do not admit'))
    await userEvent.type(within(screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })).getByLabelText('Why not?'), 'x')
    await userEvent.click(screen.getByRole('button', { name: 'Record decision' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm and tell the supplier' }))
    expect(await screen.findByRole('link', { name: 'Give the reasons for rejecting: the supplier reads them as feedback' })).toHaveAttribute(
      'href',
      '#decisions-1-reason',
    )
  })

  it('goes back from checking a refusal to change it, keeping what was chosen', async () => {
    const seen = serveApp(buyer, twoCategories)
    renderPage(routes, `/dps-applications/${ids.app}`)
    await userEvent.click(within(await screen.findByRole('group', { name: 'Admit to ‘Home care’?' })).getByLabelText('Admit'))
    await userEvent.click(within(screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })).getByLabelText('Do not admit'))
    await userEvent.type(within(screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })).getByLabelText('Why not?'), 'No overnight staff.')
    await userEvent.click(screen.getByRole('button', { name: 'Record decision' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Change the decision' }))
    expect(within(screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })).getByLabelText('Do not admit')).toBeChecked()
    expect(within(screen.getByRole('group', { name: 'Admit to ‘Respite care’?' })).getByLabelText('Why not?')).toHaveValue('No overnight staff.')
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('does not offer more time under a dynamic market', async () => {
    serveApp(buyer, twoCategories, undefined, homeCare({ regime: 'pa2023' }))
    renderPage(routes, `/dps-applications/${ids.app}`)
    await screen.findByRole('heading', { level: 1, name: 'Patel Cleaning' })
    expect(screen.queryByRole('link', { name: /Take longer/ })).not.toBeInTheDocument()
  })
})
