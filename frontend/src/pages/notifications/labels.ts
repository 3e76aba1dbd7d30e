// What an alert's codes are called on screen, and an alert described in plain
// words, so that a supplier can see at a glance what each alert will find.
import { formatPounds } from '../../format/money'
import type { Alert } from './types'

/** Where the work is done, relative to the council, by locality code, in the API's order. */
export const localityLabels: Record<string, string> = {
  local: 'In the council’s own area',
  sub_regional: 'In a neighbouring area',
  regional: 'Elsewhere in the region',
  national: 'Anywhere in the UK',
}

/** How suppliers bid, by procedure code, in the API's order. */
export const procedureLabels: Record<string, string> = {
  open_tender: 'Open tender',
  quick_quote: 'Quick quote',
  dps_call: 'Call for competition under a dynamic purchasing system (DPS)',
}

/** A hint for each procedure, so nobody needs to know the terms. */
export const procedureHints: Record<string, string> = {
  open_tender: 'Any organisation can send a full bid.',
  quick_quote: 'A short quote for smaller jobs.',
  dps_call: 'Only for suppliers already on the council’s approved list for that kind of work.',
}

/** How often the emails come, by frequency code. */
export const frequencyLabels: Record<string, string> = {
  instant: 'As soon as each opportunity is published',
  daily: 'Once a day',
}

/** A hint for each frequency. */
export const frequencyHints: Record<string, string> = {
  instant: 'One email for each opportunity that matches.',
  daily: 'One email at 8am (UK time) listing the day’s matches. No email on days without any.',
}

/** The inbox's name for each kind of message. */
export const messageKindLabels: Record<string, string> = {
  match: 'Matches your alert',
  planned: 'Planned',
  amended: 'Changed',
  cancelled: 'Cancelled',
  reminder: 'Deadline reminder',
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
  if (localities.length === 0 || localities.length === Object.keys(localityLabels).length) return 'Anywhere'
  return sentence(localities.map((l, i) => (i === 0 ? (localityLabels[l] ?? l) : (localityLabels[l] ?? l).toLowerCase())))
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
  return procedures.map((p) => procedureLabels[p] ?? p).join(', ')
}

/** frequencyText says how often the emails come. */
export function frequencyText(frequency: string): string {
  return frequency === 'daily' ? 'Once a day at 8am (UK time), when there are matches' : 'As soon as each opportunity is published'
}
