import { describe, expect, it } from 'vitest'
import { formatPounds, MAX_PENCE, parseCount, penceToPoundsInput, poundsToPence } from './money'

describe('poundsToPence', () => {
  it.each([
    ['0', 0],
    ['1', 100],
    ['12.5', 1250],
    ['12.05', 1205],
    ['.5', 50],
    ['£2,000,000', 200_000_000],
    ['  1 250 000.99 ', 125_000_099],
    ['49999999.99', 4_999_999_999],
    ['100000000000', MAX_PENCE],
  ])('reads %j as %d pence', (text, want) => {
    expect(poundsToPence(text)).toEqual({ pence: want })
  })

  it('gives exact pence where floating point would not (0.29 * 100 is 28.999…)', () => {
    expect(poundsToPence('0.29')).toEqual({ pence: 29 })
    expect(poundsToPence('1.15')).toEqual({ pence: 115 })
  })

  it.each([
    ['', 'Enter turnover'],
    ['-5', 'Turnover must be £0 or more'],
    ['ten pounds', 'Turnover must be an amount of money, like 125000 or 125,000.50'],
    ['1.2.3', 'Turnover must be an amount of money, like 125000 or 125,000.50'],
    ['.', 'Turnover must be an amount of money, like 125000 or 125,000.50'],
    ['12.345', 'Turnover must have no more than 2 numbers after the decimal point, like 125000.50'],
    ['100000000000.01', 'Turnover must be £100,000,000,000 or less'],
    ['99999999999999999999', 'Turnover must be £100,000,000,000 or less'],
  ])('refuses %j with a message', (text, want) => {
    expect(poundsToPence(text, 'Turnover')).toEqual({ error: want })
  })
})

describe('formatPounds', () => {
  it.each([
    [0, '£0'],
    [5, '£0.05'],
    [1250, '£12.50'],
    [200_000_000, '£2,000,000'],
    [5_000_000_000, '£50,000,000'],
    [-150, '-£1.50'],
  ])('writes %d pence as %s', (pence, want) => {
    expect(formatPounds(pence)).toBe(want)
  })

  it('round-trips through the form field', () => {
    for (const pence of [0, 7, 1250, 123_456_789, MAX_PENCE]) {
      expect(poundsToPence(penceToPoundsInput(pence))).toEqual({ pence })
    }
  })
})

describe('parseCount', () => {
  it('reads whole numbers with commas', () => {
    expect(parseCount('1,250', 'Number of staff')).toEqual({ value: 1250 })
    expect(parseCount('0', 'Number of staff')).toEqual({ value: 0 })
  })

  it.each([
    ['', 'Enter number of staff'],
    ['-1', 'Number of staff must be 0 or more'],
    ['2.5', 'Number of staff must be a whole number, like 12'],
    ['lots', 'Number of staff must be a whole number, like 12'],
    ['10000001', 'Number of staff must be 10,000,000 or fewer'],
  ])('refuses %j', (text, want) => {
    expect(parseCount(text, 'Number of staff')).toEqual({ error: want })
  })
})
