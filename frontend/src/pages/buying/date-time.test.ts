import { describe, expect, it } from 'vitest'
import { formatClock, formatDay, formatMoment, londonToUtc, parseTime, readDate, readDateTime, splitLocal } from './date-time'

describe('times', () => {
  it('reads times as people write them', () => {
    const cases: [string, string | undefined][] = [
      ['17:30', '17:30'],
      ['9.30', '09:30'],
      ['5pm', '17:00'],
      ['5:30 pm', '17:30'],
      ['12pm', '12:00'],
      ['12am', '00:00'],
      ['midday', '12:00'],
      ['11:59PM', '23:59'],
      ['5', undefined],
      ['25:00', undefined],
      ['13pm', undefined],
      ['10:60', undefined],
      ['soon', undefined],
    ]
    for (const [typed, want] of cases) expect(parseTime(typed), typed).toBe(want)
  })

  it('writes times in GOV.UK style', () => {
    expect(['12:00', '17:30', '09:00', '00:00'].map(formatClock)).toEqual(['midday', '5:30pm', '9am', 'midnight'])
  })
})

describe('dates and deadlines', () => {
  it('says what is wrong with a date in the GOV.UK words', () => {
    expect(readDate({ day: '', month: '', year: '' }, 'the deadline for bids')).toEqual({ error: 'Enter the deadline for bids', part: 'all' })
    expect(readDate({ day: '1', month: '', year: '' }, 'the deadline for bids')).toEqual({
      error: 'The deadline for bids must include a month and a year',
      part: 'date',
    })
    expect(readDate({ day: '31', month: '2', year: '2027' }, 'the deadline for bids')).toMatchObject({ error: 'The deadline for bids must be a real date' })
    expect(readDate({ day: '1', month: '2', year: '27' }, 'the deadline for bids')).toMatchObject({ error: 'The year must include 4 numbers' })
    expect(readDate({ day: '1', month: '7', year: '2026' }, 'x')).toEqual({ iso: '2026-07-01' })
  })

  it('reads a deadline as London wall-clock time', () => {
    expect(readDateTime({ day: '1', month: '7', year: '2026', time: '5:30pm' }, 'the deadline for bids')).toEqual({ local: '2026-07-01T17:30' })
    expect(readDateTime({ day: '1', month: '7', year: '2026', time: '' }, 'the deadline for bids')).toEqual({
      error: 'Enter the time of the deadline for bids',
      part: 'time',
    })
  })

  it('turns London time into the moment it means, summer and winter', () => {
    expect(londonToUtc('2026-07-01T12:00')!.toISOString()).toBe('2026-07-01T11:00:00.000Z')
    expect(londonToUtc('2026-12-01T12:00')!.toISOString()).toBe('2026-12-01T12:00:00.000Z')
    // The morning the clocks go forward (29 March 2026, 1am GMT → 2am BST).
    expect(londonToUtc('2026-03-29T03:00')!.toISOString()).toBe('2026-03-29T02:00:00.000Z')
    expect(londonToUtc('2026-03-29T00:30')!.toISOString()).toBe('2026-03-29T00:30:00.000Z')
  })

  it('fills the boxes from what the API says, and writes moments as the server does', () => {
    expect(splitLocal('2026-07-01T17:30')).toEqual({ day: '1', month: '7', year: '2026', time: '5:30pm' })
    expect(formatMoment(new Date('2026-07-01T11:00:00Z'))).toBe('midday on Wednesday 1 July 2026')
    expect(formatDay('2026-09-30')).toBe('30 September 2026')
  })
})
