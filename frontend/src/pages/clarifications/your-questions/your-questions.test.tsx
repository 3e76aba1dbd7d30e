import { screen, within } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, json, mockServer, supplier } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { answer, ids, question } from '../fixtures'
import { SupplierQuestionsRoutes } from '../routes'

const routes = <Route path="/supplier/questions/*" element={<SupplierQuestionsRoutes />} />

describe('YourQuestions', () => {
  it('shows each question with its status tag and what became of it, private answers too', async () => {
    const items = [
      question({ id: 'q1', subject: 'Waiting one' }),
      question({
        id: 'q2',
        subject: 'Private one',
        status: 'answered_privately',
        statusText: 'Answered to you',
        answer: answer({ number: undefined, visibility: 'private', answer: 'Only for you: yes.' }),
      }),
      question({ id: 'q3', subject: 'Declined one', status: 'declined', statusText: 'Not answered', declineReason: 'It is in the specification.' }),
      question({ id: 'q4', subject: 'Merged one', status: 'merged', statusText: 'Answered with another question', mergedIntoThreadRef: 'Q-EARLY1', answer: answer({ number: 4 }) }),
      question({ id: 'q5', subject: 'Public one', status: 'answered', statusText: 'Answered to everyone', answer: answer({ number: 2, answer: 'Yes for all.' }) }),
    ]
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === '/api/v1/supplier/questions') return json(200, { items })
      return anonymous(req, url)
    })
    renderPage(routes, '/supplier/questions')
    expect(await screen.findByRole('heading', { level: 1, name: 'Your questions' })).toBeInTheDocument()
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(5)
    expect(within(rows[0]).getByText('Waiting for an answer')).toHaveClass('govuk-tag--blue')
    expect(rows[0]).toHaveTextContent('The council aims to answer by midday on 25 June 2026.')
    expect(rows[1]).toHaveTextContent('Only your organisation sees this answer.')
    expect(rows[1]).toHaveTextContent('Only for you: yes.')
    expect(rows[2]).toHaveTextContent('The council’s reason: It is in the specification.')
    expect(rows[3]).toHaveTextContent('earlier question (Q-EARLY1)')
    expect(within(rows[3]).getByRole('link', { name: 'Read answer 4' })).toHaveAttribute('href', `/opportunities/${ids.opportunity}#answer-4`)
    expect(within(rows[4]).getByRole('link', { name: 'answer 2' })).toHaveAttribute('href', `/opportunities/${ids.opportunity}#answer-2`)
    expect(rows[4]).toHaveTextContent('Yes for all.')
  })

  it('says when nothing has been asked', async () => {
    mockServer((req, url) => {
      if (url.pathname === '/api/v1/me') return json(200, supplier)
      if (url.pathname === '/api/v1/supplier/questions') return json(200, { items: [] })
      return anonymous(req, url)
    })
    renderPage(routes, '/supplier/questions')
    expect(await screen.findByText(/You have not asked any questions/)).toBeInTheDocument()
  })
})
