// The profile as its question pages edit it: every answer as typed, so that
// nothing is lost or reformatted while the supplier moves between pages, and
// turned into the API's shape only when they save.
import type { ProfileDraftView, ProfileInput, ProfileView } from '../../api/client'
import type { CpvCode } from '../../components/cpv-picker/cpv-picker'
import { parseCount, penceToPoundsInput, poundsToPence } from '../../format/money'

/** An answer to a yes or no question; '' until answered. */
export type YesNo = '' | 'yes' | 'no'

/** A contact person; id is kept for one already saved, so that its phone number keeps its history. */
export interface Contact {
  id?: string
  name: string
  jobTitle: string
  email: string
  phone: string
}

/** Every answer of the profile, as typed. */
export interface Draft {
  legalForm: string
  legalName: string
  tradingName: string
  companiesHouseNumber: string
  charityNumber: string
  oscrNumber: string
  fcaNumber: string
  vatNumber: string
  addressLine1: string
  addressLine2: string
  town: string
  postcode: string
  localAuthorityCode: string
  staffCount: string
  /** Pounds, as typed. */
  turnover: string
  description: string
  employeeOwned: YesNo
  socialEnterprise: YesNo
  assetLock: YesNo
  cpv: CpvCode[]
  /** The accreditations offered as checkboxes that are ticked. */
  accreditations: string[]
  /** Any others, one a line. */
  otherAccreditations: string
  contacts: Contact[]
}

/** The accreditations offered as checkboxes, with what each one is. */
export const knownAccreditations: { value: string; hint: string }[] = [
  { value: 'Living Wage Foundation', hint: 'You are an accredited Living Wage employer.' },
  { value: 'Cyber Essentials', hint: 'A government-backed certificate that you protect your computers against common attacks.' },
  { value: 'Cyber Essentials Plus', hint: 'Cyber Essentials with the checks made by an independent assessor.' },
  { value: 'ISO 9001', hint: 'An international standard for managing quality.' },
  { value: 'ISO 14001', hint: 'An international standard for managing your effect on the environment.' },
  { value: 'Disability Confident', hint: 'The government scheme for employers who recruit and keep disabled people.' },
]

/** Legal forms registered with Companies House, which must give its number. */
export const COMPANY_FORMS = [
  'private_limited_company',
  'public_limited_company',
  'limited_liability_partnership',
  'charitable_company',
  'community_interest_company',
]
/** Legal forms that are charities, which must give a charity or OSCR number. */
export const CHARITY_FORMS = ['charitable_incorporated_organisation', 'charitable_company']
/** The legal form registered on the FCA Mutuals Public Register. */
export const SOCIETY_FORM = 'cooperative_or_community_benefit_society'

/** Which registration numbers a legal form has (VAT applies to all). */
export function numbersFor(legalForm: string): { companiesHouse: boolean; charity: boolean; fca: boolean } {
  return {
    companiesHouse: COMPANY_FORMS.includes(legalForm),
    charity: CHARITY_FORMS.includes(legalForm),
    fca: legalForm === SOCIETY_FORM,
  }
}

function yesNo(b: boolean, answered: boolean): YesNo {
  if (!answered) return ''
  return b ? 'yes' : 'no'
}

/** The answers as the server keeps them while the profile is edited. */
export type DraftAnswers = ProfileDraftView['answers']

/** emptyDraft is a profile with no question answered. */
export const emptyDraft: Draft = {
  legalForm: '',
  legalName: '',
  tradingName: '',
  companiesHouseNumber: '',
  charityNumber: '',
  oscrNumber: '',
  fcaNumber: '',
  vatNumber: '',
  addressLine1: '',
  addressLine2: '',
  town: '',
  postcode: '',
  localAuthorityCode: '',
  staffCount: '',
  turnover: '',
  description: '',
  employeeOwned: '',
  socialEnterprise: '',
  assetLock: '',
  cpv: [],
  accreditations: [],
  otherAccreditations: '',
  contacts: [],
}

/** draftFromAnswers reads the answers the server kept (it leaves out empty ones). */
export function draftFromAnswers(a: DraftAnswers): Draft {
  return {
    ...emptyDraft,
    ...a,
    cpv: (a.cpv ?? []).map((c) => ({ code: c.code, description: c.description ?? '' })),
    accreditations: a.accreditations ?? [],
    contacts: (a.contacts ?? []).map((c) => ({ id: c.id, name: c.name ?? '', jobTitle: c.jobTitle ?? '', email: c.email ?? '', phone: c.phone ?? '' })),
  }
}

/** answersFromDraft is the answers as the server keeps them: the draft as typed. */
export function answersFromDraft(d: Draft): DraftAnswers {
  return {
    ...d,
    // Only ever one of the radios' values, or '' before one is chosen.
    legalForm: d.legalForm as DraftAnswers['legalForm'],
    cpv: d.cpv.map((c) => ({ code: c.code, description: c.description })),
    contacts: d.contacts.map((c) => ({ ...c })),
  }
}

/** draftFromView turns a saved profile into answers; a profile never saved has its questions unanswered. */
export function draftFromView(v: ProfileView): Draft {
  const saved = v.version > 0
  const accs = v.accreditations ?? []
  const known = knownAccreditations.map((k) => k.value)
  const names = new Map(v.cpvDetails.map((c) => [c.code, c.description]))
  return {
    legalForm: v.legalForm,
    legalName: v.legalName,
    tradingName: v.tradingName,
    companiesHouseNumber: v.companiesHouseNumber,
    charityNumber: v.charityNumber,
    oscrNumber: v.oscrNumber,
    fcaNumber: v.fcaNumber,
    vatNumber: v.vatNumber,
    addressLine1: v.addressLine1,
    addressLine2: v.addressLine2,
    town: v.town,
    postcode: v.postcode,
    localAuthorityCode: v.localAuthorityCode,
    staffCount: saved ? String(v.staffCount) : '',
    turnover: saved ? penceToPoundsInput(v.turnoverPence) : '',
    description: v.description,
    employeeOwned: yesNo(v.employeeOwned, saved),
    socialEnterprise: yesNo(v.socialEnterprise, saved),
    assetLock: yesNo(v.assetLock, saved),
    cpv: (v.cpvCodes ?? []).map((code) => ({ code, description: names.get(code) ?? '' })),
    accreditations: known.filter((k) => accs.some((a) => a.toLowerCase() === k.toLowerCase())),
    otherAccreditations: accs.filter((a) => !known.some((k) => k.toLowerCase() === a.toLowerCase())).join('\n'),
    contacts: (v.contacts ?? []).map((c) => ({ id: c.id, name: c.name, jobTitle: c.jobTitle, email: c.email, phone: c.phone })),
  }
}

/** otherAccreditationList splits the free text into names, one a line. */
export function otherAccreditationList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/**
 * inputFromDraft turns the answers into the API's profile. Registration numbers
 * that do not go with the legal form are left out, so that a number typed before
 * the legal form was changed is not saved by mistake.
 */
export function inputFromDraft(d: Draft): ProfileInput {
  const n = numbersFor(d.legalForm)
  const staff = parseCount(d.staffCount, 'Number of staff')
  const turnover = poundsToPence(d.turnover, 'Turnover')
  return {
    // The draft may hold no choice yet; the server answers that with a field error.
    legalForm: d.legalForm as ProfileInput['legalForm'],
    legalName: d.legalName.trim(),
    tradingName: d.tradingName.trim(),
    companiesHouseNumber: n.companiesHouse ? d.companiesHouseNumber.trim() : '',
    charityNumber: n.charity ? d.charityNumber.trim() : '',
    oscrNumber: n.charity ? d.oscrNumber.trim() : '',
    fcaNumber: n.fca ? d.fcaNumber.trim() : '',
    vatNumber: d.vatNumber.trim(),
    addressLine1: d.addressLine1.trim(),
    addressLine2: d.addressLine2.trim(),
    town: d.town.trim(),
    postcode: d.postcode.trim(),
    localAuthorityCode: d.localAuthorityCode,
    staffCount: staff.value ?? 0,
    turnoverPence: turnover.pence ?? 0,
    description: d.description.trim(),
    employeeOwned: d.employeeOwned === 'yes',
    socialEnterprise: d.socialEnterprise === 'yes',
    assetLock: d.assetLock === 'yes',
    cpvCodes: d.cpv.map((c) => c.code),
    accreditations: [...d.accreditations, ...otherAccreditationList(d.otherAccreditations)],
    contacts: d.contacts.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      name: c.name.trim(),
      jobTitle: c.jobTitle.trim(),
      email: c.email.trim(),
      phone: c.phone.trim(),
    })),
  }
}
