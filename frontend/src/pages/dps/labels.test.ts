import { describe, expect, it } from 'vitest'
import { decisionText, dueTag, feeText, formatDue, kindsOfWork, membersText } from './labels'

describe('labels', () => {
  it('names kinds of work in words, with the code, and falls back to the code alone', () => {
    expect(
      kindsOfWork({
        cpvDetails: [
          { code: '90910000-9', description: 'Cleaning services' },
          { code: '99999999-9', description: '' },
        ],
      }),
    ).toEqual(['Cleaning services (90910000-9)', '99999999-9'])
  })

  it('writes the day a decision is due with its weekday, in London', () => {
    expect(formatDue('2027-01-12T10:00:00Z')).toBe('Tuesday 12 January 2027')
    // Late evening in summer is the next day in London.
    expect(formatDue('2026-07-01T23:30:00Z')).toBe('Thursday 2 July 2026')
    expect(formatDue(undefined)).toBe('')
  })

  it('tags overdue and due-soon applications', () => {
    expect(dueTag({ overdue: true, dueSoon: false, workingDaysLeft: -1 })).toEqual({ text: 'Overdue', colour: 'red' })
    expect(dueTag({ overdue: false, dueSoon: true, workingDaysLeft: 1 })).toEqual({ text: 'Due in 1 working day', colour: 'orange' })
    expect(dueTag({ overdue: false, dueSoon: true, workingDaysLeft: 0 })).toEqual({ text: 'Due today', colour: 'orange' })
    expect(dueTag({ overdue: false, dueSoon: false, workingDaysLeft: 7 })).toEqual({ text: '7 working days left' })
  })

  it('explains fees and deciding by regime', () => {
    expect(feeText({ regime: 'pcr2015', feeBp: 0, feeDescription: '' })).toBe('There are no fees for suppliers.')
    expect(feeText({ regime: 'pa2023', feeBp: 25, feeDescription: '' })).toBe('Suppliers who win a contract pay a fee of 0.25% of its value.')
    expect(decisionText({ regime: 'pa2023', decisionDays: 10 })).toBe('We decide within 10 working days of getting your application.')
  })

  it('counts members', () => {
    expect(membersText({ admitted: 1, admittedSmes: 1, admittedVcses: 0, admittedLocal: 1 })).toBe(
      '1 supplier: 1 small or medium-sized (SMEs), 0 voluntary or community (VCSEs), 1 local',
    )
  })
})
