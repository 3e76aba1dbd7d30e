import { act, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { ApiProblemError, ServiceUnavailableError } from '../api/errors'
import { loadFailure, useLoad, type Load, type LoadOptions } from './use-load'

// deferred is a promise the test settles when it wants the answer to arrive.
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function describeLoad(load: Load<string>): string {
  switch (load.kind) {
    case 'ready':
      return `ready: ${load.data}`
    case 'refused':
      return `refused ${load.status}: ${load.detail}`
    default:
      return load.kind
  }
}

const problem = (status: number, detail?: string) => new ApiProblemError(status, { status, title: 'No', detail })

describe('loadFailure', () => {
  it('tells the service being down from the page not found and from a refusal with its reason', () => {
    expect(loadFailure(new ServiceUnavailableError(503))).toEqual({ kind: 'down' })
    expect(loadFailure(new TypeError('network'))).toEqual({ kind: 'down' })
    expect(loadFailure(problem(404))).toEqual({ kind: 'missing' })
    expect(loadFailure(problem(403, 'Only buyers'))).toMatchObject({ kind: 'refused', status: 403, detail: 'Only buyers' })
    expect(loadFailure(problem(401))).toMatchObject({ kind: 'refused', status: 401, detail: '', problem: { status: 401 } })
  })

  it('counts the answers a page names as not found', () => {
    expect(loadFailure(problem(422), [404, 422])).toEqual({ kind: 'missing' })
    expect(loadFailure(problem(403), 'any')).toEqual({ kind: 'missing' })
    expect(loadFailure(new ServiceUnavailableError(0), 'any')).toEqual({ kind: 'down' })
  })
})

describe('useLoad', () => {
  function Probe({ loaders, options }: { loaders: Record<string, () => Promise<string>>; options?: LoadOptions }) {
    const [key, setKey] = useState(Object.keys(loaders)[0])
    const { load, reload, set } = useLoad(() => loaders[key](), [key], options)
    return (
      <>
        <output data-testid="load">{describeLoad(load)}</output>
        {Object.keys(loaders).map((k) => (
          <button key={k} onClick={() => setKey(k)}>
            {k}
          </button>
        ))}
        <button onClick={() => void reload()}>reload</button>
        <button onClick={() => set('given')}>set</button>
      </>
    )
  }
  const shown = () => screen.getByTestId('load').textContent

  it('shows loading until the answer comes, then the data', async () => {
    const a = deferred<string>()
    render(<Probe loaders={{ a: () => a.promise }} />)
    expect(shown()).toBe('loading')
    await act(async () => a.resolve('A'))
    expect(shown()).toBe('ready: A')
  })

  it('takes only the answer for what is asked now: a late answer for the last key is dropped', async () => {
    const a = deferred<string>()
    const b = deferred<string>()
    render(<Probe loaders={{ a: () => a.promise, b: () => b.promise }} />)
    act(() => screen.getByRole('button', { name: 'b' }).click())
    await act(async () => b.resolve('B'))
    expect(shown()).toBe('ready: B')
    await act(async () => a.resolve('A, too late'))
    expect(shown()).toBe('ready: B')
  })

  it('shows loading again when what it loads changes', async () => {
    const b = deferred<string>()
    render(<Probe loaders={{ a: async () => 'A', b: () => b.promise }} />)
    expect(await screen.findByText('ready: A')).toBeInTheDocument()
    act(() => screen.getByRole('button', { name: 'b' }).click())
    expect(shown()).toBe('loading')
  })

  it('aborts the request of a page that has gone, and does not touch it after', async () => {
    let signal: AbortSignal | undefined
    const a = deferred<string>()
    function Aborting() {
      const { load } = useLoad((s) => {
        signal = s
        return a.promise
      }, [])
      return <output>{load.kind}</output>
    }
    const { unmount } = render(<Aborting />)
    expect(signal?.aborted).toBe(false)
    unmount()
    expect(signal?.aborted).toBe(true)
    await act(async () => a.resolve('gone'))
  })

  it('keeps what is shown while reloading, then shows the new answer', async () => {
    let n = 0
    const second = deferred<string>()
    render(<Probe loaders={{ a: () => (++n === 1 ? Promise.resolve('first') : second.promise) }} />)
    expect(await screen.findByText('ready: first')).toBeInTheDocument()
    act(() => screen.getByRole('button', { name: 'reload' }).click())
    expect(shown()).toBe('ready: first')
    await act(async () => second.resolve('second'))
    expect(shown()).toBe('ready: second')
  })

  it('takes data the page is given over a load still on its way', async () => {
    const a = deferred<string>()
    render(<Probe loaders={{ a: () => a.promise }} />)
    act(() => screen.getByRole('button', { name: 'set' }).click())
    expect(shown()).toBe('ready: given')
    await act(async () => a.resolve('older'))
    expect(shown()).toBe('ready: given')
  })

  it('changes what was loaded with a function of it, and only once it has loaded', async () => {
    function Counter() {
      const { load, set } = useLoad(async () => 1, [])
      return (
        <>
          <output data-testid="n">{load.kind === 'ready' ? load.data : load.kind}</output>
          <button onClick={() => set((n) => n + 1)}>add</button>
        </>
      )
    }
    render(<Counter />)
    act(() => screen.getByRole('button', { name: 'add' }).click())
    expect(await screen.findByText('1')).toBeInTheDocument()
    act(() => screen.getByRole('button', { name: 'add' }).click())
    expect(screen.getByTestId('n')).toHaveTextContent('2')
  })

  it('says why it failed: refused with the reason, not found, or down', async () => {
    const { unmount } = render(<Probe loaders={{ a: () => Promise.reject(problem(403, 'Buyers only')) }} />)
    expect(await screen.findByText('refused 403: Buyers only')).toBeInTheDocument()
    unmount()
    render(<Probe loaders={{ a: () => Promise.reject(problem(403)) }} options={{ missing: 'any' }} />)
    expect(await screen.findByText('missing')).toBeInTheDocument()
  })
})
