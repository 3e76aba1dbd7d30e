// Files given as the answers to document questions: what is checked before
// sending (the server checks again), how a file is sent, and how it is shown.
import { api, call } from '../../api/client'
import type { SummaryError } from '../../forms/problem'
import type { Application } from './types'

/** The id of the file input on a document question's page. */
export const FILE = 'file'

/** The types the server accepts, by extension, for browsers that do not say a file's type. */
const typesByExtension: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  zip: 'application/zip',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  rtf: 'application/rtf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
}

/** ACCEPT is the file input's accept attribute. */
export const ACCEPT = Object.keys(typesByExtension)
  .map((e) => `.${e}`)
  .join(',')

/** TYPES_TEXT names the accepted kinds of file in plain English. */
export const TYPES_TEXT = 'PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, image or ZIP'

/** The facts about a chosen file the checks need (a File has them all). */
export interface ChosenFile {
  name: string
  size: number
  type: string
}

/**
 * contentTypeOf is the type to send a file as: the one its extension says, as
 * browsers disagree about office documents, or the browser's own.
 */
export function contentTypeOf(file: ChosenFile): string {
  const ext = file.name.toLowerCase().split('.').pop() ?? ''
  return typesByExtension[ext] ?? (file.type || 'application/octet-stream')
}

/** formatSize writes a file's size for people: "12 KB", "3.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** maxSizeText is the largest file the server takes, in words: "100 MB". */
export function maxSizeText(maxBytes: number): string {
  return maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / (1024 * 1024))} MB` : formatSize(maxBytes)
}

/** checkAnswerFile says what is wrong with a chosen file, or nothing when it may be sent. */
export function checkAnswerFile(file: ChosenFile | undefined, maxBytes: number): SummaryError | undefined {
  if (!file) return { field: FILE, text: 'Select a file to upload' }
  if (!Object.values(typesByExtension).includes(contentTypeOf(file))) return { field: FILE, text: `The selected file must be a ${TYPES_TEXT} file` }
  if (file.size === 0) return { field: FILE, text: 'The selected file is empty' }
  if (maxBytes > 0 && file.size > maxBytes) return { field: FILE, text: `The selected file must be smaller than ${maxSizeText(maxBytes)}` }
  return undefined
}

/**
 * uploadAnswerFile sends the file itself as the request body, streamed by the
 * browser, through the same client as every other call (CSRF header, refresh,
 * errors); its name goes in the query string. It answers with the application.
 */
export function uploadAnswerFile(appId: string, questionId: string, file: File): Promise<Application> {
  return call(
    api.PUT('/api/v1/dps-answer-uploads/{id}/{questionId}', {
      params: { path: { id: appId, questionId }, query: { filename: file.name }, header: { 'Content-Type': contentTypeOf(file) } },
      // The schema has no request body (huma does not read it); the file goes as it is.
      body: file as never,
      bodySerializer: (b: unknown) => b as BodyInit,
    }),
  )
}
