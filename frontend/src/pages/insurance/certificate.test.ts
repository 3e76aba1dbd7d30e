import { describe, expect, it } from 'vitest'
import { checkCertificate, contentTypeOf, expiryTag, formatDay, locationOnPage, readExpiry, todayInLondon } from './certificate'

const today = '2026-06-15'
const pdf = { name: 'public-liability.pdf', size: 1234, type: 'application/pdf' }
const filled = { kind: 'public_liability', amount: '£5,000,000', day: '31', month: '3', year: '2027' }

describe('checkCertificate', () => {
  it('turns pounds into pence and the three boxes into YYYY-MM-DD', () => {
    const got = checkCertificate(filled, pdf, today)
    expect(got.errors).toBeUndefined()
    expect(got.upload).toEqual({
      kind: 'public_liability',
      amountPence: 500_000_000,
      expiresOn: '2027-03-31',
      filename: 'public-liability.pdf',
      contentType: 'application/pdf',
    })
  })

  it('keeps pence typed after the decimal point', () => {
    const got = checkCertificate({ ...filled, amount: '1250.5' }, pdf, today)
    expect(got.upload?.amountPence).toBe(125_050)
  })

  it('lists every missing answer, in page order, each linking to its field', () => {
    const got = checkCertificate({ kind: '', amount: '', day: '', month: '', year: '' }, undefined, today)
    expect(got.errors).toEqual([
      { field: 'kind', text: 'Select the kind of insurance' },
      { field: 'amountPence', text: 'Enter the amount of cover' },
      { field: 'expiresOn-day', text: 'Enter the date the insurance expires' },
      { field: 'file', text: 'Select a certificate to upload' },
    ])
  })

  it('refuses no cover, and cover that is not money', () => {
    expect(checkCertificate({ ...filled, amount: '0' }, pdf, today).errors).toEqual([
      { field: 'amountPence', text: 'The amount of cover must be more than £0' },
    ])
    expect(checkCertificate({ ...filled, amount: 'five million' }, pdf, today).errors?.[0].field).toBe('amountPence')
  })

  it('refuses files that are not PDF, JPG or PNG, empty, or too large', () => {
    const cases = [
      { file: { name: 'cert.docx', size: 10, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, want: 'PDF, JPG or PNG' },
      { file: { ...pdf, size: 0 }, want: 'The selected file is empty' },
      { file: { ...pdf, size: 100 * 1024 * 1024 + 1 }, want: 'smaller than 100 MB' },
    ]
    for (const c of cases) {
      const got = checkCertificate(filled, c.file, today)
      expect(got.errors?.[0].field).toBe('file')
      expect(got.errors?.[0].text).toContain(c.want)
    }
  })

  it('guesses the type from the extension when the browser gives none', () => {
    expect(contentTypeOf({ name: 'SCAN.JPG', size: 1, type: '' })).toBe('image/jpeg')
    expect(contentTypeOf({ name: 'scan.png', size: 1, type: '' })).toBe('image/png')
    expect(contentTypeOf({ name: 'notes', size: 1, type: '' })).toBe('application/octet-stream')
    expect(checkCertificate(filled, { name: 'cert.pdf', size: 5, type: '' }, today).upload?.contentType).toBe('application/pdf')
  })
})

describe('readExpiry', () => {
  it('says which part of the date is missing', () => {
    expect(readExpiry('31', '', '2027', today)).toEqual({ error: 'The expiry date must include a month' })
    expect(readExpiry('', '', '2027', today)).toEqual({ error: 'The expiry date must include a day and a month' })
  })

  it('refuses dates that do not exist, and short years', () => {
    expect(readExpiry('31', '2', '2027', today)).toEqual({ error: 'The expiry date must be a real date' })
    expect(readExpiry('1', '13', '2027', today)).toEqual({ error: 'The expiry date must be a real date' })
    expect(readExpiry('1', '3', '27', today)).toEqual({ error: 'The year must include 4 numbers' })
  })

  it('accepts today, and refuses a date that has passed', () => {
    expect(readExpiry('15', '6', '2026', today)).toEqual({ iso: '2026-06-15' })
    expect(readExpiry('14', '6', '2026', today)).toEqual({ error: 'The expiry date must be today or in the future' })
  })

  it('allows leading zeros and spaces', () => {
    expect(readExpiry(' 01 ', '02', '2028', today)).toEqual({ iso: '2028-02-01' })
  })
})

describe('locationOnPage', () => {
  it('sends the server’s fields to the boxes that show them', () => {
    expect(locationOnPage('body.expiresOn')).toBe('body.expiresOn-day')
    expect(locationOnPage('body.filename')).toBe('body.file')
    expect(locationOnPage('body.file')).toBe('body.file')
    expect(locationOnPage('query.amountPence')).toBe('body.amountPence')
    expect(locationOnPage(undefined)).toBeUndefined()
  })
})

describe('expiryTag', () => {
  it('tags a certificate that has expired or expires within 30 days', () => {
    expect(expiryTag('2026-06-14', false, today)).toEqual({ text: 'Expired', colour: 'red' })
    expect(expiryTag('2026-06-20', true, today)).toEqual({ text: 'Expired', colour: 'red' })
    expect(expiryTag('2026-06-15', false, today)?.text).toBe('Expires soon')
    expect(expiryTag('2026-07-15', false, today)?.text).toBe('Expires soon')
    expect(expiryTag('2026-07-16', false, today)).toBeUndefined()
  })
})

describe('dates', () => {
  it('writes an expiry date in words, whatever the browser’s time zone', () => {
    expect(formatDay('2027-03-31')).toBe('31 March 2027')
  })

  it('takes today in London, which is a day ahead of UTC late on a summer evening', () => {
    expect(todayInLondon(new Date('2026-06-15T23:30:00Z'))).toBe('2026-06-16')
    expect(todayInLondon(new Date('2026-12-15T23:30:00Z'))).toBe('2026-12-15')
  })
})
