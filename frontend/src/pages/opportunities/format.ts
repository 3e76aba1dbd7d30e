// How the opportunity pages write files, dates, times and weights.

/** formatDateTime writes an ISO time as a London date and time: "1 July 2026 at midday". */
export { formatDateTime } from '../../format/dates'

const fileKinds: Record<string, string> = {
  'application/pdf': 'PDF',
  'text/plain': 'text file',
  'text/csv': 'CSV spreadsheet',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'application/zip': 'ZIP file',
}

/** fileKind names a document's type as people know it: "PDF", "ZIP file". */
export function fileKind(contentType: string): string {
  return fileKinds[contentType.split(';')[0].trim().toLowerCase()] ?? 'file'
}

/** formatSize writes a file's size as GOV.UK does for attachments: "512 bytes", "24 KB", "1.2 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

const calendarDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' })

/** formatDay writes a calendar date (YYYY-MM-DD, no time or zone) as "1 July 2026"; '' when it is not one. */
export function formatDay(date: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '')
  if (!m) return ''
  return calendarDay.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
}

/** percent writes basis points as a percentage: 2000 → "20%", 1250 → "12.5%". */
export function percent(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`
}
