import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { json, type Route as ServerRoute } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { fieldOnForm, readFeePercent } from '../dps-form'
import { buyer, homeCare, ids, problem, serve } from '../fixtures'
import { DpsRoutes } from '../routes'

const routes = <Route path="/dps/*" element={<DpsRoutes />} />

const care = { code: '85312000-9', description: 'Social work services without accommodation', ancestors: [] }

function serveNew(create: ServerRoute) {
  return serve(buyer, (req, url) => {
    if (url.pathname === '/api/v1/cpv') return json(200, { items: [care] })
    if (url.pathname === '/api/v1/local-authorities') return json(200, { items: [{ code: 'E09000019', name: 'Islington', region: 'London' }] })
    if (url.pathname === '/api/v1/dps' && req.method === 'POST') return create(req, url)
    return undefined
  })
}

async function enter(label: string | RegExp, text: string, within_: HTMLElement = document.body) {
  await userEvent.click(within(within_).getByLabelText(label))
  await userEvent.paste(text)
}

async function fill() {
  await screen.findByLabelText('Title')
  await enter('Title', 'Home care and support')
  await enter('What it buys', 'Care at home.')
  await userEvent.click(screen.getByLabelText('Dynamic market (Procurement Act 2023)'))
  const starts = screen.getByRole('group', { name: 'When does it open for applications?' })
  await enter('Day', '1', starts)
  await enter('Month', '4', starts)
  await enter('Year', '2027', starts)
  const ends = screen.getByRole('group', { name: 'When does it close?' })
  await enter('Day', '31', ends)
  await enter('Month', '3', ends)
  await enter('Year', '2031', ends)
  await enter('Fee, as a percentage of each contract’s value', '1.5')
  const category = screen.getByRole('group', { name: 'Category 1' })
  await enter('Name', 'Home care', category)
  await enter('Search for a kind of work', 'care', category)
  await userEvent.click(within(category).getByRole('button', { name: 'Search' }))
  await userEvent.click(await within(category).findByRole('button', { name: /^Add\s*Social work services/ }))
  await enter(/Largest contract value/, '500,000', category)
  await userEvent.click(screen.getByRole('button', { name: 'Add a question' }))
  const question = screen.getByRole('group', { name: 'Question 1' })
  await userEvent.click(within(question).getByLabelText('Yes or no'))
  await enter('Question', 'Do you pay the London Living Wage?', question)
}

describe('NewDps', () => {
  it('sets up a dynamic market with a fee, a category and a question, then goes to check it', async () => {
    const seen = serveNew(() => json(201, homeCare({ status: 'draft' })))
    renderPage(routes, '/dps/new')
    expect(await screen.findByRole('heading', { level: 1, name: 'Set up a supplier list' })).toBeInTheDocument()
    await fill()
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/dps/${ids.dps}/publish`))
    const post = seen.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({
      title: 'Home care and support',
      description: 'Care at home.',
      regime: 'pa2023',
      startsOn: '2027-04-01',
      endsOn: '2031-03-31',
      feeBp: 150,
      feeDescription: '',
      categories: [{ name: 'Home care', description: '', cpvCodes: ['85312000-9'], maxContractValuePence: 50_000_000, area: '' }],
      questions: [{ kind: 'yes_no', text: 'Do you pay the London Living Wage?', hint: '', categories: [], profileField: '' }],
    })
  })

  it('asks about fees only for a dynamic market', async () => {
    serveNew(() => undefined)
    renderPage(routes, '/dps/new')
    await userEvent.click(await screen.findByLabelText('Dynamic purchasing system (Public Contracts Regulations 2015)'))
    expect(screen.queryByLabelText('Fee, as a percentage of each contract’s value')).not.toBeInTheDocument()
    await userEvent.click(screen.getByLabelText('Dynamic market (Procurement Act 2023)'))
    expect(screen.getByLabelText('Fee, as a percentage of each contract’s value')).toBeInTheDocument()
  })

  it('checks what it can before sending', async () => {
    const seen = serveNew(() => undefined)
    renderPage(routes, '/dps/new')
    await userEvent.click(await screen.findByRole('button', { name: 'Save and continue' }))
    await screen.findByRole('alert')
    expect(screen.getByRole('link', { name: 'Enter a title' })).toHaveAttribute('href', '#title')
    expect(screen.getByRole('link', { name: 'Choose the rules it runs under' })).toHaveAttribute('href', '#regime')
    expect(screen.getByRole('link', { name: 'Enter the start date' })).toHaveAttribute('href', '#startsOn-day')
    expect(screen.getByRole('link', { name: 'Enter a name for category 1' })).toHaveAttribute('href', '#categories-0-name')
    expect(screen.getByRole('link', { name: 'Choose at least one kind of work for category 1' })).toHaveAttribute('href', '#categories-0-cpvCodes')
    await waitFor(() => expect(document.title).toMatch(/^Error: Set up a supplier list/))
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0)
  })

  it('links the server’s problems to the fields', async () => {
    serveNew(() =>
      problem(422, [
        { location: 'body.endsOn', message: 'The end date must be after the start date' },
        { location: 'body.categories[0].cpvCodes[0]', message: 'Choose a CPV code from the list, such as 90910000-9' },
        { location: 'body.questions[0].text', message: 'Enter the question' },
      ]),
    )
    renderPage(routes, '/dps/new')
    await fill()
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }))
    expect(await screen.findByRole('link', { name: 'The end date must be after the start date' })).toHaveAttribute('href', '#endsOn-day')
    expect(screen.getByRole('link', { name: 'Choose a CPV code from the list, such as 90910000-9' })).toHaveAttribute('href', '#categories-0-cpvCodes')
    expect(screen.getByRole('link', { name: 'Enter the question' })).toHaveAttribute('href', '#questions-0-text')
    expect(document.getElementById('endsOn-error')).toHaveTextContent('The end date must be after the start date')
    // What was typed survives.
    expect(screen.getByLabelText('Title')).toHaveValue('Home care and support')
  })
})

describe('readFeePercent', () => {
  it('reads a percentage as basis points', () => {
    expect(readFeePercent('1.5')).toEqual({ bp: 150 })
    expect(readFeePercent(' 2 % ')).toEqual({ bp: 200 })
    expect(readFeePercent('')).toEqual({ bp: 0 })
    expect(readFeePercent('1.555')).toHaveProperty('error')
    expect(readFeePercent('101')).toEqual({ error: 'The fee must be 100% or less' })
  })
})

describe('fieldOnForm', () => {
  it('maps the server’s field paths to the elements that show them', () => {
    expect(fieldOnForm('startsOn')).toBe('startsOn-day')
    expect(fieldOnForm('categories')).toBe('add-category')
    expect(fieldOnForm('categories-2-cpvCodes-4')).toBe('categories-2-cpvCodes')
    expect(fieldOnForm('questions-0-text')).toBe('questions-0-text')
  })
})
