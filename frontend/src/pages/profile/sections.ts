// The question pages of the profile, in the order they are asked, and which
// answers belong to each: the task list, Continue and Back, and the errors the
// server finds on saving all follow from this one list.
import { numbersFor, type Draft } from './draft'
import { parseCount, poundsToPence } from '../../format/money'

/** A question page of the profile. */
export type SectionKey = 'organisation-details' | 'address' | 'size' | 'what-you-do' | 'kinds-of-work' | 'accreditations' | 'contacts'

/** A question page: its address under /profile, its name, and the field ids on it. */
export interface Section {
  key: SectionKey
  title: string
  hint?: string
  /** Field ids on the page; errors the server finds in them are shown there. */
  fields: string[]
  /** Field id prefixes on the page, for lists (contacts-0-name). */
  prefixes?: string[]
  optional?: boolean
}

/** The question pages, in order. */
export const sections: Section[] = [
  {
    key: 'organisation-details',
    title: 'Organisation details',
    hint: 'Type of organisation, names and registration numbers',
    fields: ['legalForm', 'legalName', 'tradingName', 'companiesHouseNumber', 'charityNumber', 'oscrNumber', 'fcaNumber', 'vatNumber'],
  },
  {
    key: 'address',
    title: 'Registered address',
    hint: 'And your local authority',
    fields: ['addressLine1', 'addressLine2', 'town', 'postcode', 'localAuthorityCode'],
  },
  { key: 'size', title: 'Size of your organisation', hint: 'Staff and turnover', fields: ['staffCount', 'turnover'] },
  {
    key: 'what-you-do',
    title: 'What your organisation does',
    fields: ['description', 'employeeOwned', 'socialEnterprise', 'assetLock'],
  },
  { key: 'kinds-of-work', title: 'Kinds of work you want to hear about', fields: ['cpv-search'], prefixes: ['cpvCodes-'] },
  { key: 'accreditations', title: 'Accreditations', fields: ['accreditations', 'otherAccreditations'], optional: true },
  { key: 'contacts', title: 'Contact people', fields: [], prefixes: ['contacts-'] },
]

/** The address of the check your answers page. */
export const CHECK_ANSWERS = '/profile/check-answers'

/** sectionPath is the address of a question page; change returns to check answers after it. */
export function sectionPath(key: SectionKey, change = false): string {
  return `/profile/${key}${change ? '?change=1' : ''}`
}

/** nextPath is where Continue goes from a question page. */
export function nextPath(key: SectionKey, change: boolean): string {
  const i = sections.findIndex((s) => s.key === key)
  if (change || i === sections.length - 1) return CHECK_ANSWERS
  return sectionPath(sections[i + 1].key)
}

/** backPath is where Back goes from a question page. */
export function backPath(key: SectionKey, change: boolean): string {
  const i = sections.findIndex((s) => s.key === key)
  if (change) return CHECK_ANSWERS
  return i === 0 ? '/profile' : sectionPath(sections[i - 1].key)
}

/**
 * fieldForProblem maps the field id of a server problem (from its location) to
 * the id of the field that shows it: the API's turnoverPence is typed as
 * pounds in the turnover field; any accreditation is in the free-text field.
 */
export function fieldForProblem(id: string): string {
  if (id === 'turnoverPence') return 'turnover'
  if (id.startsWith('accreditations-')) return 'otherAccreditations'
  if (id.startsWith('cpvCodes-')) return 'cpv-search'
  return id
}

/** sectionOfField returns the question page that has the field with this id. */
export function sectionOfField(id: string): Section | undefined {
  return sections.find((s) => s.fields.includes(id) || s.prefixes?.some((p) => id.startsWith(p)))
}

const filled = (s: string) => s.trim() !== ''

/**
 * sectionAnswered reports whether a page's required answers are all given. It
 * does not check formats: the server does that when the profile is saved.
 */
export function sectionAnswered(key: SectionKey, d: Draft): boolean {
  switch (key) {
    case 'organisation-details': {
      const n = numbersFor(d.legalForm)
      return (
        filled(d.legalForm) &&
        filled(d.legalName) &&
        (!n.companiesHouse || filled(d.companiesHouseNumber)) &&
        (!n.charity || filled(d.charityNumber) || filled(d.oscrNumber)) &&
        (!n.fca || filled(d.fcaNumber))
      )
    }
    case 'address':
      return filled(d.addressLine1) && filled(d.town) && filled(d.postcode) && filled(d.localAuthorityCode)
    case 'size':
      return parseCount(d.staffCount, 'Staff').value !== undefined && poundsToPence(d.turnover).pence !== undefined
    case 'what-you-do':
      return filled(d.description) && d.employeeOwned !== '' && d.socialEnterprise !== '' && d.assetLock !== ''
    case 'kinds-of-work':
      return d.cpv.length > 0
    case 'accreditations':
      return true
    case 'contacts':
      return d.contacts.length > 0 && d.contacts.every((c) => filled(c.name) && filled(c.phone))
  }
}
