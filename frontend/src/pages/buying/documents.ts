// What the document uploads check before sending, so that a file the server
// would refuse is not sent at all; the server checks again.
import { isDocumentType, TYPES_TEXT, type ChosenFile } from '../../forms/files'
import type { SummaryError } from '../../forms/problem'

export { ACCEPT, contentTypeOf, formatSize, type ChosenFile } from '../../forms/files'

/** MAX_UPLOAD_BYTES is the server's default largest upload (FAIRTENDER_MAX_UPLOAD_BYTES). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

/** checkFile says what is wrong with a chosen file, linking to the file input with the id given. */
export function checkFile(file: ChosenFile | undefined, field = 'file'): SummaryError | undefined {
  if (!file) return { field, text: 'Select a document to upload' }
  if (!isDocumentType(file)) return { field, text: `The document must be a ${TYPES_TEXT} file` }
  if (file.size === 0) return { field, text: 'The selected file is empty' }
  if (file.size > MAX_UPLOAD_BYTES) return { field, text: `The selected file must be smaller than ${MAX_UPLOAD_BYTES >> 20} MB` }
  return undefined
}
