// What the document uploads check before sending, so that a file the server
// would refuse is not sent at all; the server checks again.
import type { SummaryError } from '../../forms/problem'

/** MAX_UPLOAD_BYTES is the server's default largest upload (FAIRTENDER_MAX_UPLOAD_BYTES). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

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

/** checkFile says what is wrong with a chosen file, linking to the file input with the id given. */
export function checkFile(file: ChosenFile | undefined, field = 'file'): SummaryError | undefined {
  if (!file) return { field, text: 'Select a document to upload' }
  if (!Object.values(typesByExtension).includes(contentTypeOf(file)))
    return { field, text: 'The document must be a PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV, image or ZIP file' }
  if (file.size === 0) return { field, text: 'The selected file is empty' }
  if (file.size > MAX_UPLOAD_BYTES) return { field, text: `The selected file must be smaller than ${MAX_UPLOAD_BYTES >> 20} MB` }
  return undefined
}

/** formatSize writes a file's size for people: "12 KB", "3.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
