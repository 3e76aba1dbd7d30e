import { describe, expect, it } from 'vitest'
import { savedProfile } from '../../test/profile'
import { draftFromView, inputFromDraft, numbersFor } from './draft'
import { sectionAnswered } from './sections'

describe('draftFromView', () => {
  it('splits accreditations into the ticked ones and the others, one a line', () => {
    const d = draftFromView({ ...savedProfile, accreditations: ['iso 9001', 'Investors in People', 'B Corp'] })
    expect(d.accreditations).toEqual(['ISO 9001'])
    expect(d.otherAccreditations).toBe('Investors in People\nB Corp')
  })

  it('leaves the questions of a profile never saved unanswered, rather than answered no', () => {
    const d = draftFromView({ ...savedProfile, version: 0, staffCount: 0, turnoverPence: 0 })
    expect([d.staffCount, d.turnover, d.employeeOwned, d.socialEnterprise, d.assetLock]).toEqual(['', '', '', '', ''])
    expect(sectionAnswered('size', d)).toBe(false)
    expect(sectionAnswered('what-you-do', d)).toBe(false)
  })

  it('shows turnover as pounds', () => {
    expect(draftFromView(savedProfile).turnover).toBe('123,456')
  })
})

describe('inputFromDraft', () => {
  it('round-trips a saved profile', () => {
    const input = inputFromDraft(draftFromView(savedProfile))
    expect(input.turnoverPence).toBe(savedProfile.turnoverPence)
    expect(input.staffCount).toBe(3)
    expect(input.accreditations).toEqual(['ISO 9001', 'Investors in People'])
    expect(input.contacts).toEqual(savedProfile.contacts)
  })

  it('leaves out registration numbers that do not go with the legal form', () => {
    const d = { ...draftFromView(savedProfile), legalForm: 'sole_trader', companiesHouseNumber: '01234567', charityNumber: '1123456', vatNumber: 'GB123456782' }
    const input = inputFromDraft(d)
    expect([input.companiesHouseNumber, input.charityNumber, input.vatNumber]).toEqual(['', '', 'GB123456782'])
    expect(inputFromDraft({ ...d, legalForm: 'charitable_company' }).companiesHouseNumber).toBe('01234567')
    expect(inputFromDraft({ ...d, legalForm: 'charitable_company' }).charityNumber).toBe('1123456')
  })
})

describe('numbersFor', () => {
  it.each([
    ['private_limited_company', { companiesHouse: true, charity: false, fca: false }],
    ['community_interest_company', { companiesHouse: true, charity: false, fca: false }],
    ['charitable_company', { companiesHouse: true, charity: true, fca: false }],
    ['charitable_incorporated_organisation', { companiesHouse: false, charity: true, fca: false }],
    ['cooperative_or_community_benefit_society', { companiesHouse: false, charity: false, fca: true }],
    ['sole_trader', { companiesHouse: false, charity: false, fca: false }],
  ])('%s asks for %j', (form, want) => {
    expect(numbersFor(form)).toEqual(want)
  })
})

describe('sectionAnswered', () => {
  it('needs a charity or a Scottish charity number for a charity', () => {
    const d = { ...draftFromView(savedProfile), legalForm: 'charitable_incorporated_organisation', charityNumber: '', oscrNumber: '' }
    expect(sectionAnswered('organisation-details', d)).toBe(false)
    expect(sectionAnswered('organisation-details', { ...d, oscrNumber: 'SC012345' })).toBe(true)
  })
})
