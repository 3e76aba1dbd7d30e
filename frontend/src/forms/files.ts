// The kinds of document the server accepts (opportunities.DocumentTypes), shared by
// every upload of a document: buyers' opportunity documents and suppliers' answers
// to a DPS's document questions. Checking here only spares sending a file the
// server would refuse; the server checks again.

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

/** ACCEPT is a document file input's accept attribute. */
export const ACCEPT = Object.keys(typesByExtension)
  .map((e) => `.${e}`)
  .join(',')

/** TYPES_TEXT names the accepted kinds of document in plain English. */
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

/** isDocumentType says whether the server takes a file of this kind as a document. */
export function isDocumentType(file: ChosenFile): boolean {
  return Object.values(typesByExtension).includes(contentTypeOf(file))
}

/** formatSize writes a file's size for people: "12 KB", "3.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
