// What the DPS pages call things, in plain English, with the values the API takes.
import type { TagColour } from '../../components/tag/tag'
import { formatPounds } from '../../format/money'
import { formatDay } from '../buying/date-time'
import { applicationStatusTags, categoryStatusTags, dpsStatusTags, tagOf, type StatusTag } from '../../lib/labels'
import type { Category, Dps } from './types'

/** The two sets of rules a DPS runs under, explained for buyers. */
export const regimes = [
  {
    value: 'pcr2015',
    label: 'Dynamic purchasing system (Public Contracts Regulations 2015)',
    hint: 'Only for a DPS the council set up before 24 February 2025. Suppliers cannot be charged fees. You must decide each application within 10 working days (15 if you say why), and you cannot invite bids until 30 days after it opens.',
  },
  {
    value: 'pa2023',
    label: 'Dynamic market (Procurement Act 2023)',
    hint: 'For anything new. You may charge suppliers who win contracts a fee. Once it is published, the conditions for joining (categories, questions, fees and start date) cannot change.',
  },
]

/** regimeName is what the rules a DPS runs under are called on screen. */
export function regimeName(value: string): string {
  return regimes.find((r) => r.value === value)?.label ?? value
}

/** dpsStatus is a DPS's status as a tag shows it. */
export function dpsStatus(status: string): StatusTag {
  return tagOf(dpsStatusTags, status)
}

/** appStatus is an application's status as a tag shows it. */
export function appStatus(status: string): StatusTag {
  return tagOf(applicationStatusTags, status)
}

/** categoryStatus is a category's status as a tag shows it. */
export function categoryStatus(status: string): StatusTag {
  return tagOf(categoryStatusTags, status)
}

/** The kinds of question a questionnaire can ask, explained for buyers. */
export const questionKinds = [
  { value: 'yes_no', label: 'Yes or no', hint: 'Suppliers must answer yes to join, such as ‘Do you pay the London Living Wage?’' },
  { value: 'pass_fail', label: 'A written answer you judge as pass or fail', hint: 'You decide whether the answer is good enough.' },
  { value: 'text', label: 'A written answer', hint: 'For information, such as a contact for safeguarding.' },
  { value: 'number', label: 'A number', hint: 'Such as how many staff are qualified.' },
  { value: 'document', label: 'A document', hint: 'Suppliers upload a file, such as their health and safety policy or an insurance certificate.' },
]

/** questionKindName is what a kind of question is called on screen. */
export function questionKindName(value: string): string {
  return questionKinds.find((k) => k.value === value)?.label ?? value
}

/** Where in the supplier's profile an answer can come from. */
export const profileFields = [
  { value: '', text: 'Do not fill it in' },
  { value: 'companies_house_number', text: 'Companies House number' },
  { value: 'charity_number', text: 'Charity number' },
  { value: 'vat_number', text: 'VAT number' },
  { value: 'insurance:public_liability', text: 'Public liability insurance' },
  { value: 'insurance:employers_liability', text: 'Employer’s liability insurance' },
  { value: 'insurance:professional_indemnity', text: 'Professional indemnity insurance' },
  { value: 'declarations', text: 'Ethical standards declarations' },
  { value: 'declaration:london_living_wage', text: 'London Living Wage declaration (a yes is filled in)' },
  { value: 'accreditations', text: 'Accreditations' },
]

/** profileFieldName is what a profile field is called on screen. */
export function profileFieldName(value: string): string {
  return profileFields.find((f) => f.value === value)?.text ?? value
}

/** feeText says, in words, what suppliers pay. */
export function feeText(d: Pick<Dps, 'regime' | 'feeBp' | 'feeDescription'>): string {
  if (d.regime !== 'pa2023' || d.feeBp <= 0) return 'There are no fees for suppliers.'
  const pct = (d.feeBp / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })
  return `Suppliers who win a contract pay a fee of ${pct}% of its value.${d.feeDescription ? ` ${d.feeDescription}` : ''}`
}

/** decisionText says how long the council takes to decide an application. */
export function decisionText(d: Pick<Dps, 'regime' | 'decisionDays'>): string {
  const days = `${d.decisionDays} working day${d.decisionDays === 1 ? '' : 's'}`
  if (d.regime === 'pcr2015') {
    return `We decide within ${days} of getting your application. If we need longer we will tell you why, and decide within 15 working days.`
  }
  return `We decide within ${days} of getting your application.`
}

/** rulesText explains the rules a DPS runs under, for suppliers. */
export function rulesText(d: Pick<Dps, 'regime'>): string[] {
  if (d.regime === 'pcr2015') {
    return [
      'This is a dynamic purchasing system under the Public Contracts Regulations 2015.',
      'Every supplier that meets the conditions is admitted, and can apply at any time while it is open.',
      'Everyone admitted to a category is invited to bid for every contract in it, and gets at least 10 days to bid.',
      'Suppliers are never charged to join or to bid.',
    ]
  }
  return [
    'This is a dynamic market under the Procurement Act 2023.',
    'Every supplier that meets the conditions is admitted, and can apply at any time while it is open.',
    'The conditions for joining do not change while it runs.',
    'Everyone admitted to a category is invited to bid for every contract in it.',
  ]
}

/** runsText says when a DPS runs. */
export function runsText(d: Pick<Dps, 'startsOn' | 'endsOn'>): string {
  return `From ${formatDay(d.startsOn) || d.startsOn} to ${formatDay(d.endsOn) || d.endsOn}`
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

/** membersText says how many suppliers a category has, and how many are small, voluntary or local. */
export function membersText(c: Pick<Category, 'admitted' | 'admittedSmes' | 'admittedVcses' | 'admittedLocal'>): string {
  if (c.admitted === 0) return 'No suppliers yet'
  return `${plural(c.admitted, 'supplier')}: ${c.admittedSmes.toLocaleString('en-GB')} small or medium-sized (SMEs), ${c.admittedVcses.toLocaleString(
    'en-GB',
  )} voluntary or community (VCSEs), ${c.admittedLocal.toLocaleString('en-GB')} local`
}

/** kindsOfWork lists a category's CPV codes for people: what each means, then its code. */
export function kindsOfWork(c: Pick<Category, 'cpvDetails'>): string[] {
  return c.cpvDetails.map((d) => (d.description ? `${d.description} (${d.code})` : d.code))
}

/** maxValueText says the most a contract in a category may be worth. */
export function maxValueText(pence: number): string {
  return pence > 0 ? `Up to ${formatPounds(pence)}` : 'No limit'
}

const longDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })

/** formatDue writes a moment as the London day it falls on, with the weekday: "Tuesday 12 January 2027". */
export function formatDue(iso: string | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  // Built from its parts, as versions of ICU differ on a comma after the weekday.
  const p = Object.fromEntries(longDate.formatToParts(d).map((x) => [x.type, x.value]))
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`
}

/** dueTag says how soon a decision is due, for the queue: a tag for overdue and due soon. */
export function dueTag(item: { overdue: boolean; dueSoon: boolean; workingDaysLeft?: number }): { text: string; colour?: TagColour } {
  const n = item.workingDaysLeft ?? 0
  if (item.overdue) return { text: 'Overdue', colour: 'red' }
  if (item.dueSoon) return { text: n <= 0 ? 'Due today' : `Due in ${plural(n, 'working day')}`, colour: 'orange' }
  return { text: `${plural(n, 'working day')} left` }
}

/** answerText is an answer as a check page shows it. */
export function answerText(kind: string, value: string): string {
  if (kind === 'yes_no') return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value
  return value
}
