// Files given as the answers to document questions: what is checked before
// sending (the server checks again), how a file is sent, and how it is shown.
import { api, call } from '../../api/client'
import { contentTypeOf, formatSize, isDocumentType, TYPES_TEXT, type ChosenFile } from '../../forms/files'
import type { SummaryError } from '../../forms/problem'
import type { Application } from './types'

export { ACCEPT, contentTypeOf, formatSize, TYPES_TEXT } from '../../forms/files'

/** The id of the file input on a document question's page. */
export const FILE = 'file'

/** maxSizeText is the largest file the server takes, in words: "100 MB". */
export function maxSizeText(maxBytes: number): string {
  return maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / (1024 * 1024))} MB` : formatSize(maxBytes)
}

/** checkAnswerFile says what is wrong with a chosen file, or nothing when it may be sent. */
export function checkAnswerFile(file: ChosenFile | undefined, maxBytes: number): SummaryError | undefined {
  if (!file) return { field: FILE, text: 'Select a file to upload' }
  if (!isDocumentType(file)) return { field: FILE, text: `The selected file must be a ${TYPES_TEXT} file` }
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
