import { describe, expect, it } from 'vitest'
import { checkAnswerFile, contentTypeOf, formatSize, maxSizeText } from './answer-file'

const mb = 1024 * 1024

describe('checkAnswerFile', () => {
  it('accepts a file of an accepted type within the limit', () => {
    expect(checkAnswerFile({ name: 'policy.pdf', size: 2048, type: 'application/pdf' }, 100 * mb)).toBeUndefined()
    expect(checkAnswerFile({ name: 'accounts.xlsx', size: 100 * mb, type: '' }, 100 * mb)).toBeUndefined()
  })

  it('says what is wrong, linking to the file input', () => {
    expect(checkAnswerFile(undefined, mb)).toEqual({ field: 'file', text: 'Select a file to upload' })
    expect(checkAnswerFile({ name: 'setup.exe', size: 10, type: 'application/x-msdownload' }, mb)?.text).toBe(
      'The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, image or ZIP file',
    )
    expect(checkAnswerFile({ name: 'empty.pdf', size: 0, type: 'application/pdf' }, mb)?.text).toBe('The selected file is empty')
    expect(checkAnswerFile({ name: 'big.pdf', size: 2 * mb + 1, type: 'application/pdf' }, 2 * mb)?.text).toBe('The selected file must be smaller than 2 MB')
  })
})

describe('contentTypeOf', () => {
  it('goes by the extension, as browsers disagree about office documents', () => {
    expect(contentTypeOf({ name: 'Plan.DOCX', size: 1, type: 'application/octet-stream' })).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
    expect(contentTypeOf({ name: 'notes', size: 1, type: 'text/plain' })).toBe('text/plain')
  })
})

describe('sizes in words', () => {
  it('writes bytes, kilobytes and megabytes', () => {
    expect(formatSize(900)).toBe('900 bytes')
    expect(formatSize(2048)).toBe('2 KB')
    expect(formatSize(3.4 * mb)).toBe('3.4 MB')
    expect(maxSizeText(100 * mb)).toBe('100 MB')
    expect(maxSizeText(65536)).toBe('64 KB')
  })
})
