import { describe, expect, it } from 'vitest'
import { testSite } from '../../test/render'
import {
  formatPercent,
  minimumPeriod,
  parsePercent,
  reservable,
  socialValueBand,
  socialValueProblem,
  socialValueWeight,
  totalWeight,
  weightsMessage,
} from './rules'

const rules = testSite.opportunityRules

describe('social value', () => {
  it('refuses 19.99% without a justification', () => {
    expect(socialValueBand(1999, rules)).toBe('justify')
    expect(socialValueProblem(1999, '', rules)).toBe(
      'Social value weighs 19.99%, less than 20%: explain why (the explanation is shown publicly), or give social value more weight',
    )
    expect(socialValueProblem(1999, '   ', rules)).toBeDefined()
  })

  it('accepts 20% with nothing more', () => {
    expect(socialValueBand(2000, rules)).toBe('ok')
    expect(socialValueProblem(2000, '', rules)).toBeUndefined()
  })

  it('accepts 5% with a justification', () => {
    expect(socialValueProblem(500, 'A specialist service with few local providers', rules)).toBeUndefined()
  })

  it('refuses 4.99% whatever the justification', () => {
    expect(socialValueBand(499, rules)).toBe('refused')
    expect(socialValueProblem(499, 'A very good reason', rules)).toBe(
      'Social value weighs 4.99%: it must weigh at least 5%, and at least 20% unless you explain why',
    )
  })

  it('follows the council’s own rules', () => {
    const strict = { ...rules, socialValueMinBp: 2500, socialValueFloorBp: 1000 }
    expect(socialValueProblem(2000, '', strict)).toMatch(/less than 25%/)
    expect(socialValueProblem(999, 'why', strict)).toMatch(/at least 10%/)
  })

  it('adds up only the social value criteria', () => {
    const criteria = [
      { kind: 'price', weightBp: 6000 },
      { kind: 'social_value', weightBp: 1000 },
      { kind: 'social_value', weightBp: 1000 },
    ]
    expect(socialValueWeight(criteria)).toBe(2000)
    expect(totalWeight(criteria)).toBe(8000)
  })
})

describe('weights', () => {
  it('says the running total and what it must be', () => {
    expect(weightsMessage(9500)).toEqual({ ok: false, text: 'Weights add up to 95% — they must add up to 100%' })
    expect(weightsMessage(10050)).toEqual({ ok: false, text: 'Weights add up to 100.5% — they must add up to 100%' })
    expect(weightsMessage(10000)).toEqual({ ok: true, text: 'Weights add up to 100%' })
  })

  it('reads percentages exactly, in basis points', () => {
    expect(parsePercent('19.99')).toEqual({ bp: 1999 })
    expect(parsePercent('12.5%')).toEqual({ bp: 1250 })
    expect(parsePercent(' 20 % ')).toEqual({ bp: 2000 })
    expect(parsePercent('100')).toEqual({ bp: 10000 })
    expect(parsePercent('', 'The weight of criterion 1')).toEqual({ error: 'Enter the weight of criterion 1' })
    expect(parsePercent('100.01').error).toBe('The weight must be 100% or less')
    expect(parsePercent('1.234').error).toMatch(/must be a percentage/)
    expect(parsePercent('-5').error).toMatch(/must be a percentage/)
    expect(parsePercent('twenty').error).toMatch(/must be a percentage/)
  })

  it('writes basis points as people write percentages', () => {
    expect([2000, 1999, 2050, 2005, 0, 10000].map(formatPercent)).toEqual(['20%', '19.99%', '20.5%', '20.05%', '0%', '100%'])
  })
})

describe('minimum period', () => {
  const now = new Date('2026-06-01T11:00:00Z')
  const days = (n: number, extraMs = 0) => new Date(now.getTime() + n * 86_400_000 + extraMs)

  it('is short when suppliers get less than the procedure’s minimum', () => {
    const p = minimumPeriod('open_tender', days(25, -60_000), now, rules)!
    expect(p).toMatchObject({ minDays: 25, days: 24, short: true })
    expect(p.earliest.toISOString()).toBe('2026-06-26T11:00:00.000Z')
  })

  it('is enough at exactly the minimum, and beyond', () => {
    expect(minimumPeriod('open_tender', days(25), now, rules)).toMatchObject({ days: 25, short: false })
    expect(minimumPeriod('quick_quote', days(10), now, rules)).toMatchObject({ minDays: 10, short: false })
    expect(minimumPeriod('quick_quote', days(9), now, rules)).toMatchObject({ short: true })
  })

  it('has nothing to say without a deadline or a minimum for the procedure', () => {
    expect(minimumPeriod('open_tender', undefined, now, rules)).toBeUndefined()
    expect(minimumPeriod('', days(3), now, rules)).toBeUndefined()
  })
})

describe('reserving participation', () => {
  it('is allowed only below the threshold, VAT included, once the value is known', () => {
    // £214,904 includes VAT: £179,086.66 plus 20% is under it, £179,086.67 plus 20% is not.
    expect(reservable(17_908_666, rules)).toBe(true)
    expect(reservable(17_908_667, rules)).toBe(false)
    expect(reservable(0, rules)).toBe(false)
  })
})
