import { render, screen } from '@testing-library/react'
import type { ReactNode } from 'react'
import { MemoryRouter } from 'react-router'
import { describe, expect, it, vi } from 'vitest'
import { SiteProvider } from '../app/site'
import { testSite } from '../test/render'
import { LoadGate } from './load-gate'
import type { Load } from './use-load'

function wrap(children: ReactNode) {
  return render(
    <MemoryRouter>
      <SiteProvider initial={testSite}>
        <main id="main-content">{children}</main>
      </SiteProvider>
    </MemoryRouter>,
  )
}

const gate = (load: Load<string>, props: Partial<Parameters<typeof LoadGate<string>>[0]> = {}) =>
  wrap(
    <LoadGate load={load} {...props}>
      {(data) => <h1>{data}</h1>}
    </LoadGate>,
  )

describe('LoadGate', () => {
  it('says it is loading in a polite live region under the page’s heading, titled for the page', () => {
    gate({ kind: 'loading' }, { loadingTitle: 'Loading account', loadingMessage: 'Getting it.' })
    expect(screen.getByRole('heading', { level: 1, name: 'Loading account' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Getting it.')
    expect(document.title).toMatch(/^Loading account – /)
  })

  it('says "Loading" and "Please wait." unless told otherwise', () => {
    gate({ kind: 'loading' })
    expect(screen.getByRole('heading', { level: 1, name: 'Loading' })).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Please wait.')
  })

  it('shows its children with the data once loaded', () => {
    gate({ kind: 'ready', data: 'Home care' })
    expect(screen.getByRole('heading', { level: 1, name: 'Home care' })).toBeInTheDocument()
    expect(screen.queryByRole('status')).not.toBeInTheDocument()
  })

  it('shows the page not found for something that does not exist', () => {
    gate({ kind: 'missing' })
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument()
  })

  it('shows the service problem, offering to try again when the page can', () => {
    const retry = vi.fn()
    gate({ kind: 'down' }, { onRetry: retry })
    expect(screen.getByRole('heading', { level: 1, name: 'Sorry, there is a problem with the service' })).toBeInTheDocument()
    screen.getByRole('button', { name: 'Go back and try again' }).click()
    expect(retry).toHaveBeenCalledOnce()
  })

  it('gives the server’s reason for a refusal, or the page’s own when it has none', () => {
    const { unmount } = gate({ kind: 'refused', status: 403, detail: 'Only buyers can see drafts.', problem: {} }, { refusedTitle: 'You cannot see this opportunity' })
    expect(screen.getByRole('heading', { level: 1, name: 'You cannot see this opportunity' })).toBeInTheDocument()
    expect(screen.getByText('Only buyers can see drafts.')).toBeInTheDocument()
    unmount()
    gate({ kind: 'refused', status: 403, detail: '', problem: {} }, { refusedDetail: 'You need to be a member of an organisation.' })
    expect(screen.getByRole('heading', { level: 1, name: 'You cannot see this page' })).toBeInTheDocument()
    expect(screen.getByText('You need to be a member of an organisation.')).toBeInTheDocument()
  })
})
