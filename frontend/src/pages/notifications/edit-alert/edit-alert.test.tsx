import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { cleaningAlert } from '../fixtures'
import { AlertsRoutes } from '../routes'

const routes = <Route path="/alerts/*" element={<AlertsRoutes />} />
const path = `/api/v1/alerts/${cleaningAlert.id}`

describe('EditAlert', () => {
  it('starts from the saved alert and saves the whole of it with PUT', async () => {
    const seen = mockServer(async (req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === path && req.method === 'GET') return json(200, cleaningAlert)
      if (url.pathname === path && req.method === 'PUT') return json(200, { ...cleaningAlert, name: 'Cleaning near us', frequency: 'instant' })
      if (url.pathname === '/api/v1/alerts') return json(200, { items: [cleaningAlert] })
      return anonymous(req, url)
    })
    renderPage(routes, `/alerts/${cleaningAlert.id}/edit`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Change your alert' })).toBeInTheDocument()
    expect(screen.getByLabelText('Name of the alert')).toHaveValue('Cleaning in Islington')
    expect(screen.getByLabelText('Words to look for (optional)')).toHaveValue('cleaning\ngrounds maintenance')
    expect(document.getElementById('cpvCodes-chosen')).toHaveTextContent('Grounds maintenance services')
    expect(screen.getByLabelText('In a neighbouring area')).toBeChecked()
    expect(screen.getByLabelText('Lowest value')).toHaveValue('10,000')
    expect(screen.getByLabelText('Once a day')).toBeChecked()

    await userEvent.clear(screen.getByLabelText('Name of the alert'))
    await userEvent.paste('Cleaning near us')
    await userEvent.click(screen.getByLabelText('As soon as each opportunity is published'))
    await userEvent.clear(screen.getByLabelText('Highest value'))
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/alerts$/))
    expect(await screen.findByText('Alert ‘Cleaning near us’ saved')).toBeInTheDocument()

    const put = seen.find((r) => r.method === 'PUT')!
    expect(await put.json()).toEqual({
      name: 'Cleaning near us',
      keywords: ['cleaning', 'grounds maintenance'],
      cpvCodes: ['90910000-9', '77314000-4'],
      localities: ['local', 'sub_regional'],
      procedures: ['open_tender', 'quick_quote'],
      minValuePence: 1_000_000,
      maxValuePence: 0,
      frequency: 'instant',
    })
  })

  it('is not found when the alert is not the person’s', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === path) return json(404, { status: 404, title: 'Not Found', detail: 'There is no such alert' })
      return anonymous(req, url)
    })
    renderPage(routes, `/alerts/${cleaningAlert.id}/edit`)
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument()
  })
})
