import { describe, expect, it } from 'vitest'
import { cleaningAlert } from './fixtures'
import { cpvText, frequencyText, keywordsText, localitiesText, proceduresText, valueText } from './labels'

describe('an alert in plain words', () => {
  it('lists the words as a sentence', () => {
    expect(keywordsText(cleaningAlert.keywords)).toBe('Cleaning, grounds maintenance')
    expect(keywordsText([])).toBe('Any words')
  })

  it('names each kind of work with its code', () => {
    expect(cpvText(cleaningAlert.cpvCodes)).toEqual(['Cleaning services (90910000-9)', 'Grounds maintenance services (77314000-4)'])
    expect(cpvText([{ code: '03000000-1', name: '' }])).toEqual(['03000000-1'])
  })

  it('says where, and "Anywhere" for none or all', () => {
    expect(localitiesText(['local', 'sub_regional'])).toBe('In the council’s own area, in a neighbouring area')
    expect(localitiesText([])).toBe('Anywhere')
    expect(localitiesText(['local', 'sub_regional', 'regional', 'national'])).toBe('Anywhere')
  })

  it.each([
    [1_000_000, 10_000_000, '£10,000 to £100,000'],
    [1_000_000, 0, '£10,000 or more'],
    [0, 10_000_050, 'Up to £100,000.50'],
    [0, 0, 'Any value'],
  ])('writes %d to %d pence as %s', (min, max, want) => {
    expect(valueText(min, max)).toBe(want)
  })

  it('names the kinds of opportunity and how often', () => {
    expect(proceduresText(['open_tender', 'quick_quote'])).toBe('Open tender, Quick quote')
    expect(proceduresText([])).toBe('All kinds')
    expect(frequencyText('daily')).toBe('Once a day at 8am (UK time), when there are matches')
    expect(frequencyText('instant')).toBe('As soon as each opportunity is published')
  })
})
