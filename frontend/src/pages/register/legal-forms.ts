import type { LegalForm } from '../../api/client'

/** What each legal form is called on screen, with a hint where the name alone may not be clear. */
export const legalForms: { value: LegalForm; label: string; hint?: string }[] = [
  { value: 'sole_trader', label: 'Sole trader', hint: 'You work for yourself and are not a company.' },
  { value: 'partnership', label: 'Partnership', hint: 'Two or more people run the business together.' },
  { value: 'private_limited_company', label: 'Private limited company (Ltd)' },
  { value: 'public_limited_company', label: 'Public limited company (PLC)' },
  { value: 'limited_liability_partnership', label: 'Limited liability partnership (LLP)' },
  { value: 'community_interest_company', label: 'Community interest company (CIC)' },
  { value: 'charitable_incorporated_organisation', label: 'Charitable incorporated organisation (CIO)' },
  {
    value: 'charitable_company',
    label: 'Charitable company',
    hint: 'A charity that is also a company limited by guarantee.',
  },
  { value: 'cooperative_or_community_benefit_society', label: 'Co-operative or community benefit society' },
  {
    value: 'unincorporated_association',
    label: 'Community group or club without a legal structure',
    hint: 'Sometimes called an unincorporated association.',
  },
  { value: 'public_body', label: 'Public body', hint: 'For example, a school, NHS trust or another council.' },
]

/** legalFormLabel is the on-screen name of a legal form value. */
export function legalFormLabel(value: string): string {
  return legalForms.find((f) => f.value === value)?.label ?? value
}
