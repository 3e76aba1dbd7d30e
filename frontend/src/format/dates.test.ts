import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from './dates'

describe('formatDate', () => {
  it('shows the date in London, not UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(formatDate('2026-06-30T23:30:00Z')).toBe('1 July 2026')
    expect(formatDate('2026-12-30T23:30:00Z')).toBe('30 December 2026')
  })

  it('gives nothing for nothing', () => {
    expect(formatDate(undefined)).toBe('')
    expect(formatDate('not a date')).toBe('')
  })
})

describe('formatDateTime', () => {
  it('adds the London time in the GOV.UK style', () => {
    expect(formatDateTime('2026-11-26T16:05:00Z')).toBe('26 November 2026 at 4:05pm')
  })

  it('writes noon and the half hour after midnight as people read them', () => {
    expect(formatDateTime('2026-11-26T12:00:00Z')).toBe('26 November 2026 at 12:00pm')
    expect(formatDateTime('2026-11-26T00:30:00Z')).toBe('26 November 2026 at 12:30am')
  })
})
