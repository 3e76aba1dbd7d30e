import { describe, expect, it } from 'vitest'
import { standing, timeLeft } from './time-left'

// Noon in London (BST) on Wednesday 1 July 2026.
const deadline = '2026-07-01T11:00:00Z'

describe('timeLeft', () => {
  it('counts London calendar days, not UTC ones, across midnight in London', () => {
    // 23:59 on 29 June in London is 22:59 UTC; one minute later it is 30 June in
    // London but still 29 June in UTC.
    expect(timeLeft(deadline, new Date('2026-06-29T22:59:00Z')).text).toBe('2 days to bid')
    expect(timeLeft(deadline, new Date('2026-06-29T23:01:00Z')).text).toBe('1 day to bid')
  })

  it('says the deadline closes today from midnight in London on its day', () => {
    expect(timeLeft(deadline, new Date('2026-06-30T22:59:00Z')).text).toBe('1 day to bid')
    expect(timeLeft(deadline, new Date('2026-06-30T23:00:00Z'))).toEqual({ open: true, days: 0, text: 'Closes today at midday' })
  })

  it('says closed from the deadline on, whatever the server said', () => {
    expect(timeLeft(deadline, new Date('2026-07-01T10:59:59Z')).open).toBe(true)
    expect(timeLeft(deadline, new Date('2026-07-01T11:00:00Z'))).toEqual({ open: false, text: 'Closed' })
  })

  it('counts whole days in winter too, when London is on UTC', () => {
    expect(timeLeft('2026-12-24T12:00:00Z', new Date('2026-12-01T23:59:00Z')).text).toBe('23 days to bid')
    expect(timeLeft('2026-12-24T12:00:00Z', new Date('2026-12-02T00:00:00Z')).text).toBe('22 days to bid')
  })

  it('counts across the change from summer time', () => {
    // 25 October 2026 is 25 hours long in London.
    expect(timeLeft('2026-10-26T12:00:00Z', new Date('2026-10-24T23:30:00Z')).text).toBe('1 day to bid')
  })
})

describe('standing', () => {
  const now = new Date('2026-06-30T23:30:00Z')
  it.each([
    [{ status: 'open', submissionDeadline: { at: deadline } }, 'Closes today', 'orange'],
    [{ status: 'open', submissionDeadline: { at: '2026-07-24T11:00:00Z' } }, '23 days to bid', 'turquoise'],
    [{ status: 'open', submissionDeadline: { at: '2026-06-30T11:00:00Z' } }, 'Closed', 'grey'],
    [{ status: 'closed', submissionDeadline: { at: deadline } }, 'Closed', 'grey'],
    [{ status: 'cancelled' }, 'Cancelled', 'red'],
    [{ status: 'planned', expectedQuarterText: 'April to June 2027' }, 'Expected April to June 2027', 'blue'],
  ])('%j reads %s', (o, text, colour) => {
    expect(standing(o, now)).toEqual({ text, colour })
  })
})
