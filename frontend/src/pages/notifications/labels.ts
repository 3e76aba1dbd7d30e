// What an alert's codes are called on screen, and an alert described in plain
// words, so that a supplier can see at a glance what each alert will find.
import { formatPounds } from '../../format/money'
import { procedureLabels, workLocalityLabels, type Procedure } from '../../lib/labels'
import type { Alert } from './types'

/** A hint for each frequency. */
export const frequencyHints: Record<string, string> = {
  instant: 'One email for each opportunity that matches.',
  daily: 'One email at 8am (UK time) listing the day’s matches. No email on days without any.',
}

function sentence(words: string[]): string {
  const text = words.join(', ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** keywordsText lists an alert's words as a sentence: "Cleaning, grounds maintenance". */
export function keywordsText(keywords: string[]): string {
  return keywords.length ? sentence(keywords) : 'Any words'
}

/** cpvText names an alert's kinds of work, each with its code. */
export function cpvText(codes: Alert['cpvCodes']): string[] {
  return codes.map((c) => (c.name ? `${c.name} (${c.code})` : c.code))
}

/** localitiesText says where the work must be done. */
export function localitiesText(localities: string[]): string {
  if (localities.length === 0 || localities.length === Object.keys(workLocalityLabels).length) return 'Anywhere'
  return sentence(localities.map((l, i) => (i === 0 ? (workLocalityLabels[l as keyof typeof workLocalityLabels] ?? l) : (workLocalityLabels[l as keyof typeof workLocalityLabels] ?? l).toLowerCase())))
}

/** valueText says the range of estimated values, in pounds. */
export function valueText(minPence: number, maxPence: number): string {
  if (minPence > 0 && maxPence > 0) return `${formatPounds(minPence)} to ${formatPounds(maxPence)}`
  if (minPence > 0) return `${formatPounds(minPence)} or more`
  if (maxPence > 0) return `Up to ${formatPounds(maxPence)}`
  return 'Any value'
}

/** proceduresText names the kinds of opportunity. */
export function proceduresText(procedures: string[]): string {
  if (procedures.length === 0 || procedures.length === Object.keys(procedureLabels).length) return 'All kinds'
  return procedures.map((p) => procedureLabels[p as Procedure] ?? p).join(', ')
}

/** frequencyText says how often the emails come. */
export function frequencyText(frequency: string): string {
  return frequency === 'daily' ? 'Once a day at 8am (UK time), when there are matches' : 'As soon as each opportunity is published'
}
