import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { splitKeywords } from '../alert-form'
import { cleaningAlert } from '../fixtures'
import { AlertsRoutes } from '../routes'

const routes = <Route path="/alerts/*" element={<AlertsRoutes />} />

const cleaning = {
  code: '90910000-9',
  description: 'Cleaning services',
  ancestors: [{ code: '90000000-7', description: 'Sewage, refuse, cleaning and environmental services' }],
}

function serve(create: ServerRoute) {
  return mockServer((req, url) => {
    if (url.pathname === '/api/v1/me') return json(200, supplier)
    if (url.pathname === '/api/v1/cpv') return json(200, { items: [cleaning] })
    if (url.pathname === '/api/v1/alerts' && req.method === 'POST') return create(req, url)
    if (url.pathname === `/api/v1/alerts/${cleaningAlert.id}/open-matches`)
      return json(200, {
        total: 7,
        items: Array.from({ length: 7 }, (_, i) => ({
          id: `opp-${i}`,
          reference: `FT-2026-00000${i}`,
          title: `Cleaning job ${i + 1}`,
          submissionDeadline: '2027-01-15T12:00:00Z',
          deadlineText: 'midday on Friday 15 January 2027',
        })),
      })
    if (url.pathname === '/api/v1/alerts') return json(200, { items: [cleaningAlert] })
    return anonymous(req, url)
  })
}

// Pasting rather than typing keeps the test quick on a busy machine.
async function enter(label: string | RegExp, text: string) {
  await userEvent.click(screen.getByLabelText(label))
  await userEvent.paste(text)
}

async function fill() {
  await screen.findByLabelText('Name of the alert')
  await enter('Name of the alert', 'Cleaning in Islington')
  await enter('Words to look for (optional)', 'cleaning\n\n grounds  maintenance, Cleaning\nwindows')
  await enter('Search for a kind of work', 'cleaning')
  await userEvent.click(screen.getByRole('button', { name: 'Search' }))
  await userEvent.click(await screen.findByRole('button', { name: /^Add\s*Cleaning services$/ }))
  await userEvent.click(screen.getByLabelText('In the council’s own area'))
  await userEvent.click(screen.getByLabelText('Quick quote'))
  await enter('Lowest value', '10,000')
  await enter('Highest value', '£100,000.50')
  await userEvent.click(screen.getByLabelText('Once a day'))
}

describe('NewAlert', () => {
  it('sends the alert with keywords split by line and values in pence, then shows the list with a banner', async () => {
    const seen = serve(() => json(201, cleaningAlert))
    renderPage(routes, '/alerts/new')
    expect(await screen.findByRole('heading', { level: 1, name: 'Create an alert' })).toBeInTheDocument()
    await fill()
    await userEvent.click(screen.getByRole('button', { name: 'Create alert' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/alerts$/))
    expect(await screen.findByText(/Alert ‘Cleaning in Islington’ created/)).toBeInTheDocument()
    // The work already open that it matches, which the alert itself will never tell of.
    const open = await screen.findByTestId('open-now')
    expect(open).toHaveTextContent('7 opportunities open now match this alert')
    expect(within(open).getAllByRole('link')).toHaveLength(5)
    expect(within(open).getByRole('link', { name: 'Cleaning job 1' })).toHaveAttribute('href', '/opportunities/opp-0')
    expect(open).toHaveTextContent('And 2 more, closing later.')

    const post = seen.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({
      name: 'Cleaning in Islington',
      keywords: ['cleaning', 'grounds maintenance', 'windows'],
      cpvCodes: ['90910000-9'],
      localities: ['local'],
      procedures: ['quick_quote'],
      minValuePence: 1_000_000,
      maxValuePence: 10_000_050,
      frequency: 'daily',
    })
    // For the organisation it acts for, as the API needs for someone in several.
    expect(new URL(post.url).searchParams.get('organisationId')).toBe(supplier.organisations[0].id)
  })

  it('checks what it can before sending: a name, amounts of money, how often', async () => {
    const seen = serve(() => json(201, cleaningAlert))
    renderPage(routes, '/alerts/new')
    await screen.findByLabelText('Lowest value')
    await enter('Lowest value', 'ten pounds')
    await userEvent.click(screen.getByRole('button', { name: 'Create alert' }))
    await screen.findByRole('alert')
    expect(screen.getByRole('link', { name: 'Enter a name for the alert' })).toHaveAttribute('href', '#name')
    expect(screen.getByRole('link', { name: /The lowest value must be an amount of money/ })).toHaveAttribute('href', '#minValuePence')
    expect(screen.getByRole('link', { name: 'Choose how often you want emails' })).toHaveAttribute('href', '#frequency')
    await waitFor(() => expect(document.title).toMatch(/^Error: Create an alert/))
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('says a highest value below the lowest with the other problems, not after them', async () => {
    const seen = serve(() => json(201, cleaningAlert))
    renderPage(routes, '/alerts/new')
    await screen.findByLabelText('Lowest value')
    await enter('Lowest value', '50,000')
    await enter('Highest value', '10,000')
    await enter('Words to look for (optional)', `cleaning\n${'window cleaning and gutter clearing for all libraries and halls'}`)
    await userEvent.click(screen.getByRole('button', { name: 'Create alert' }))
    await screen.findByRole('alert')
    // The server's keyword rule is checked here too, so it is listed with the rest.
    expect(screen.getByRole('link', { name: /^Keywords must be 60 characters or fewer \(‘window cleaning and gutter cle…’ on line 2\)$/ })).toHaveAttribute(
      'href',
      '#keywords',
    )
    expect(screen.getByRole('link', { name: 'Enter a name for the alert' })).toHaveAttribute('href', '#name')
    expect(screen.getByRole('link', { name: 'The highest value must be more than the lowest value' })).toHaveAttribute('href', '#maxValuePence')
    expect(screen.getByRole('link', { name: 'Choose how often you want emails' })).toHaveAttribute('href', '#frequency')
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('links the server’s problems to the fields, saying which keyword and which kind of work', async () => {
    serve(() =>
      json(422, {
        status: 422,
        title: 'Unprocessable Entity',
        errors: [
          { location: 'body.keywords[1]', message: 'Keywords must be 60 characters or fewer' },
          { location: 'body.keywords[2]', message: 'Keywords must include letters or numbers' },
          { location: 'body.cpvCodes[0]', message: 'Choose a CPV code from the list, such as 90910000-9' },
          { location: 'body.maxValuePence', message: 'The highest value must be more than the lowest value' },
        ],
      }),
    )
    renderPage(routes, '/alerts/new')
    await fill()
    await userEvent.click(screen.getByRole('button', { name: 'Create alert' }))
    const summary = await screen.findByRole('alert')
    expect(summary).toHaveTextContent('There is a problem')
    expect(screen.getByRole('link', { name: 'Keywords must be 60 characters or fewer (‘grounds maintenance’ on line 3)' })).toHaveAttribute(
      'href',
      '#keywords',
    )
    expect(screen.getByRole('link', { name: 'Keywords must include letters or numbers (‘windows’ on line 4)' })).toHaveAttribute(
      'href',
      '#keywords',
    )
    expect(screen.getByRole('link', { name: /Choose a CPV code from the list.*\(Cleaning services\)/ })).toHaveAttribute('href', '#cpvCodes')
    expect(screen.getByRole('link', { name: 'The highest value must be more than the lowest value' })).toHaveAttribute('href', '#maxValuePence')
    expect(document.getElementById('keywords-error')).toHaveTextContent('Keywords must be 60 characters or fewer')
    expect(document.getElementById('maxValuePence-error')).toHaveTextContent('The highest value must be more than the lowest value')
    await waitFor(() => expect(document.title).toMatch(/^Error: Create an alert/))
    // What was typed survives.
    expect(screen.getByLabelText('Highest value')).toHaveValue('£100,000.50')
    expect(screen.getByLabelText('Once a day')).toBeChecked()
  })
})

describe('splitKeywords', () => {
  it('reads one a line or separated by commas, leaving out blanks and repeats', () => {
    expect(splitKeywords('cleaning\n\n grounds  maintenance, Cleaning\nwindows')).toEqual([
      { text: 'cleaning', line: 1 },
      { text: 'grounds maintenance', line: 3 },
      { text: 'windows', line: 4 },
    ])
    expect(splitKeywords('  \n')).toEqual([])
  })
})
