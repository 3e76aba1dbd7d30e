import { render, screen } from '@testing-library/react'
import { MemoryRouter } from 'react-router'
import { describe, expect, it } from 'vitest'
import { TaskList } from './task-list'

describe('TaskList', () => {
  it('links each task, described by its hint and status; a task that cannot start has no link', () => {
    const { container } = render(
      <MemoryRouter>
        <TaskList
          idPrefix="about"
          tasks={[
            { title: 'Organisation details', to: '/profile/organisation-details', hint: 'Names and numbers', status: { text: 'Completed' } },
            { title: 'Kinds of work', to: '/profile/kinds-of-work', status: { text: 'Incomplete', tag: 'light-blue' } },
            { title: 'Check and save', status: { text: 'Cannot start yet', cannotStart: true } },
          ]}
        />
      </MemoryRouter>,
    )
    const first = screen.getByRole('link', { name: 'Organisation details' })
    expect(first).toHaveAttribute('href', '/profile/organisation-details')
    expect(first).toHaveAccessibleDescription('Names and numbers Completed')
    expect(screen.getByRole('link', { name: 'Kinds of work' })).toHaveAccessibleDescription('Incomplete')
    expect(screen.getByText('Incomplete')).toHaveClass('govuk-tag', 'govuk-tag--light-blue')
    expect(screen.queryByRole('link', { name: 'Check and save' })).not.toBeInTheDocument()
    expect(container.querySelector('#about-3-status')).toHaveClass('govuk-task-list__status--cannot-start-yet')
  })
})
