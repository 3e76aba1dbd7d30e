// The council's publishing rules, checked in the browser as the buyer types so
// they hear about a problem before they publish. The server checks the same
// rules again when publishing, at its own time, and has the final say.
import type { Site } from '../../api/client'

/** The council's rules for publishing, from GET /api/v1/site. */
export type Rules = Site['opportunityRules']

/** FULL_WEIGHT is 100% in basis points. */
export const FULL_WEIGHT = 10_000

const DAY_MS = 86_400_000

/** formatPercent writes basis points as a percentage: 2000 → "20%", 1999 → "19.99%", 2050 → "20.5%". */
export function formatPercent(bp: number): string {
  const sign = bp < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(bp))
  const frac = abs % 100
  return `${sign}${Math.floor(abs / 100)}${frac ? `.${String(frac).padStart(2, '0').replace(/0$/, '')}` : ''}%`
}

/** percentInput writes basis points as a weight field shows it, without the % (the field has its own). */
export function percentInput(bp: number): string {
  return formatPercent(bp).replace('%', '')
}

/** The result of reading a percentage: basis points, or what is wrong in words. */
export type ParsedPercent = { bp: number; error?: undefined } | { bp?: undefined; error: string }

/**
 * parsePercent reads a weight typed as a percentage ("20", "12.5", "19.99%")
 * and returns it in basis points, in whole numbers so that 19.99 is exactly
 * 1999. label names the weight in the error ("The weight of criterion 1").
 */
export function parsePercent(text: string, label = 'The weight'): ParsedPercent {
  const cleaned = text.trim().replace(/\s*%$/, '').trim()
  if (cleaned === '') return { error: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` }
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(cleaned)
  if (!m) return { error: `${label} must be a percentage, like 20 or 12.5` }
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  if (bp > FULL_WEIGHT) return { error: `${label} must be 100% or less` }
  return { bp }
}

/** A criterion as far as the rules care: what it judges and how much it weighs. */
export interface Weighted {
  kind: string
  weightBp: number
}

/** totalWeight adds up the weights, in basis points. */
export function totalWeight(criteria: Weighted[]): number {
  return criteria.reduce((sum, c) => sum + c.weightBp, 0)
}

/** socialValueWeight adds up the weights of the social value criteria, in basis points. */
export function socialValueWeight(criteria: Weighted[]): number {
  return totalWeight(criteria.filter((c) => c.kind === 'social_value'))
}

/**
 * weightsMessage is the running total shown as the buyer types, and whether
 * it is right: "Weights add up to 95% — they must add up to 100%".
 */
export function weightsMessage(total: number): { ok: boolean; text: string } {
  if (total === FULL_WEIGHT) return { ok: true, text: 'Weights add up to 100%' }
  return { ok: false, text: `Weights add up to ${formatPercent(total)} — they must add up to 100%` }
}

/**
 * How social value weighs against the rules: enough (ok), enough with a
 * written justification (justify), or too little whatever the reason (refused).
 */
export type SocialValueBand = 'ok' | 'justify' | 'refused'

/** socialValueBand places a social value weight against the council's rules. */
export function socialValueBand(svBp: number, rules: Rules): SocialValueBand {
  if (svBp >= rules.socialValueMinBp) return 'ok'
  if (svBp >= rules.socialValueFloorBp) return 'justify'
  return 'refused'
}

/**
 * socialValueProblem says why the social value weighting cannot be published,
 * or undefined when it can: at least the minimum needs nothing, between the
 * floor and the minimum needs a written justification, below the floor is
 * refused whatever the justification.
 */
export function socialValueProblem(svBp: number, justification: string, rules: Rules): string | undefined {
  const min = formatPercent(rules.socialValueMinBp)
  switch (socialValueBand(svBp, rules)) {
    case 'ok':
      return undefined
    case 'justify':
      return justification.trim()
        ? undefined
        : `Social value weighs ${formatPercent(svBp)}, less than ${min}: explain why (the explanation is shown publicly), or give social value more weight`
    case 'refused':
      return `Social value weighs ${formatPercent(svBp)}: it must weigh at least ${formatPercent(rules.socialValueFloorBp)}, and at least ${min} unless you explain why`
  }
}

/** How long suppliers get to bid, against the council's minimum for the procedure. */
export interface Period {
  /** The council's minimum for the procedure, in days. */
  minDays: number
  /** Whole days from now to the deadline. */
  days: number
  /** True when suppliers get less than the minimum. */
  short: boolean
  /** The earliest deadline that gives the minimum, if published now. */
  earliest: Date
}

/**
 * minimumPeriod compares the time from now (publishing) to the deadline for
 * bids with the council's minimum for the procedure, as the server does: the
 * deadline must be at least minDays × 24 hours away. It is undefined when
 * there is no deadline or no minimum for the procedure.
 */
export function minimumPeriod(procedure: string, deadline: Date | undefined, now: Date, rules: Rules): Period | undefined {
  const minDays = rules.minDays[procedure] ?? 0
  if (!deadline || minDays <= 0) return undefined
  const ms = deadline.getTime() - now.getTime()
  return { minDays, days: Math.floor(ms / DAY_MS), short: ms < minDays * DAY_MS, earliest: new Date(now.getTime() + minDays * DAY_MS) }
}

/** withVAT adds VAT at 20% to an amount in pence, rounding down as the server does. */
export function withVAT(pence: number): number {
  return pence + Math.floor(pence / 5)
}

/**
 * belowThreshold reports whether an estimated value, entered without VAT, is
 * under the threshold, which the law sets including VAT: 20% is added before
 * comparing, as the server does.
 */
export function belowThreshold(valuePence: number, rules: Rules): boolean {
  return valuePence > 0 && valuePence * 12_000 < rules.reservedThresholdPence * 10_000
}

/** reservable reports whether the council may keep an opportunity of this value for some suppliers. */
export function reservable(valuePence: number, rules: Rules): boolean {
  return belowThreshold(valuePence, rules)
}
