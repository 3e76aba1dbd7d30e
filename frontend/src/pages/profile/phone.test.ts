import { describe, expect, it } from 'vitest'
import shared from '../../../../backend/suppliers/testdata/uk-phones.json'
import { normaliseUKPhone } from './phone'

// The server's own cases: a number the contacts page lets through is one the server takes.
const cases = shared as { name: string; input: string; want: string; message?: string }[]

describe('normaliseUKPhone', () => {
  it('reads the shared cases', () => expect(cases.length).toBeGreaterThan(10))
  for (const c of cases) {
    it(c.name, () => {
      const r = normaliseUKPhone(c.input)
      if (c.want) expect(r).toEqual({ number: c.want })
      else expect(r).toHaveProperty('error', c.message ?? expect.stringContaining('Enter a'))
    })
  }
})
