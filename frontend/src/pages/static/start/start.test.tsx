import { screen } from '@testing-library/react'
import { Route } from 'react-router'
import { describe, expect, it } from 'vitest'
import { anonymous, mockServer } from '../../../test/fetch'
import { renderPage } from '../../../test/render'
import { Start } from './start'

describe('Start', () => {
  it('promises only what the service does, and says plainly what is coming soon', async () => {
    mockServer(anonymous)
    renderPage(<Route path="/" element={<Start />} />, '/')
    await screen.findByRole('heading', { level: 1, name: 'Find and win council work' })
    const [can, soon] = screen.getAllByRole('list').filter((l) => l.closest('main'))
    expect(can.textContent).toContain('ask the council questions about a contract before you bid')
    expect(can.textContent).toContain('send your bid online, sealed')
    expect(can.textContent).not.toMatch(/feedback|team up|pays you late/)
    expect(soon.previousElementSibling?.textContent).toBe('Coming soon, but not available yet, you will be able to:')
    expect(soon.textContent).toContain('get feedback on your bid')
    expect(soon.textContent).toContain('team up with other organisations to bid together')
    expect(soon.textContent).toContain('tell the council if a main contractor pays you late')
  })
})
