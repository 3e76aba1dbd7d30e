import { describe, expect, it } from 'vitest'
import { clockWords, formatDate, formatDateTime, formatTime } from './dates'

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
    expect(formatDateTime('2026-11-26T12:00:00Z')).toBe('26 November 2026 at midday')
    expect(formatDateTime('2026-11-26T00:30:00Z')).toBe('26 November 2026 at 12:30am')
  })
})

describe('formatTime', () => {
  it('writes times in the one GOV.UK style the server uses: midday, midnight, 9am, 5:30pm', () => {
    // Summer time: London is an hour ahead of UTC.
    expect(formatTime(new Date('2026-07-01T11:00:00Z'))).toBe('midday')
    expect(formatTime(new Date('2026-06-30T23:00:00Z'))).toBe('midnight')
    expect(formatTime(new Date('2026-07-01T08:00:00Z'))).toBe('9am')
    expect(formatTime(new Date('2026-07-01T16:30:00Z'))).toBe('5:30pm')
    expect(formatTime(new Date('2026-12-01T12:05:00Z'))).toBe('12:05pm')
    expect(formatTime(new Date('2026-12-01T00:30:00Z'))).toBe('12:30am')
    expect(formatTime(new Date('not a date'))).toBe('')
  })

  it('writes a 24-hour clock time the same way', () => {
    expect(['12:00', '00:00', '09:00', '17:30', '23:59', 'soon'].map(clockWords)).toEqual(['midday', 'midnight', '9am', '5:30pm', '11:59pm', ''])
  })
})
