import { describe, expect, it } from 'vitest'
import { completeDraft, emptyDraft } from './fixtures'
import { fieldOnPage, inputFromView, readyToCheck, taskOfField, taskStatus } from './draft'

describe('draft', () => {
  it('puts each server field on the page that shows it', () => {
    expect(fieldOnPage('submissionDeadline')).toBe('submissionDeadline-day')
    expect(fieldOnPage('cpvCodes-2')).toBe('cpvCodes')
    expect(fieldOnPage('criteria')).toBe('criteria-0-weightBp')
    expect(fieldOnPage('lots-0-title')).toBe('lots-0-title')
    expect(taskOfField('lots-0-title')?.key).toBe('what')
    expect(taskOfField('criteria-1-weightBp')?.key).toBe('evaluation')
    expect(taskOfField('socialValueJustification')?.key).toBe('evaluation')
    expect(taskOfField('expectedAwardOn-day')?.key).toBe('dates')
    expect(taskOfField('shortPeriodReason')).toBeUndefined()
  })

  it('saves the draft as it was loaded when nothing changes', () => {
    const v = completeDraft()
    const input = inputFromView(v)
    expect(input).toMatchObject({
      title: v.title,
      cpvCodes: ['90911300-9'],
      clarificationDeadline: v.clarificationDeadline!.local,
      submissionDeadline: v.submissionDeadline!.local,
      criteria: [
        { name: 'Price', kind: 'price', weightBp: 5000 },
        { name: 'Quality', kind: 'quality', weightBp: 3000 },
        { name: 'Social value', kind: 'social_value', weightBp: 2000 },
      ],
      reserved: 'none',
    })
  })

  it('marks tasks from the server’s list of what stops publishing', () => {
    const fresh = emptyDraft()
    expect(taskStatus('about', fresh, false).text).toBe('Incomplete')
    expect(taskStatus('what', fresh, false).text).toBe('Not yet started')
    expect(taskStatus('who', fresh, false).text).toBe('Not yet started')
    expect(taskStatus('who', fresh, true).text).toBe('Completed')
    expect(taskStatus('documents', fresh, false).text).toBe('Optional')
    expect(readyToCheck(fresh, [])).toBe(false)

    const weights = completeDraft({ publishProblems: [{ field: 'criteria', message: 'The weights add up to 95%: they must add up to 100%' }] })
    expect(taskStatus('evaluation', weights, true).text).toBe('Incomplete')
    const lot = completeDraft({ publishProblems: [{ field: 'lots[0].cpvCode', message: 'Choose a CPV code for the lot' }] })
    expect(taskStatus('what', lot, true).text).toBe('Incomplete')
    expect(readyToCheck(completeDraft(), [])).toBe(true)
  })

  it('leaves the time to bid for publishing to judge', () => {
    const short = completeDraft({ publishProblems: [{ field: 'submissionDeadline', message: 'Open tender must give suppliers at least 25 days' }] })
    expect(taskStatus('dates', short, true).text).toBe('Completed')
    expect(readyToCheck(short, [])).toBe(true)
  })
})
