// What the add-a-certificate form checks before uploading, and how it turns
// what was typed (pounds, a date in three boxes, a chosen file) into the query
// the API takes (pence, YYYY-MM-DD, the file's name and type).
import type { SummaryError } from '../../forms/problem'
import { poundsToPence } from '../../format/money'

/** The kinds of insurance the council asks for, as the API names them. */
export const kinds = [
  { value: 'public_liability', label: 'Public liability', hint: 'Covers claims from the public for injury or damage caused by your work.' },
  { value: 'employers_liability', label: 'Employer’s liability', hint: 'Covers claims from your employees. Most employers must have it by law.' },
  { value: 'professional_indemnity', label: 'Professional indemnity', hint: 'Covers claims that your advice or design was wrong.' },
]

/** kindName is what a kind of insurance is called on screen. */
export function kindName(kind: string): string {
  return kinds.find((k) => k.value === kind)?.label ?? kind
}

/**
 * MAX_UPLOAD_BYTES is the server's default largest upload
 * (FAIRTENDER_MAX_UPLOAD_BYTES). Checking it here spares someone sending a
 * file that will be refused; the server has the final say.
 */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

/** The types the server accepts, by extension, for browsers that do not say a file's type. */
const typesByExtension: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' }

/** ACCEPT is the file input's accept attribute. */
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'

/** The form's fields as typed. */
export interface CertificateValues extends Record<string, string> {
  kind: string
  amount: string
  day: string
  month: string
  year: string
}

/** The field ids the error summary links to. The date links to its day box. */
export const FIELD = { kind: 'kind', amount: 'amountPence', expiry: 'expiresOn-day', file: 'file' } as const

/** The query of POST /api/v1/supplier/insurances, with the Content-Type to send the file as. */
export interface CertificateUpload {
  kind: string
  amountPence: number
  expiresOn: string
  filename: string
  contentType: string
}

/** The facts about a chosen file that the checks need (a File has them all). */
export interface ChosenFile {
  name: string
  size: number
  type: string
}

/** contentTypeOf is the type to send a file as: the browser's, or one guessed from the extension. */
export function contentTypeOf(file: ChosenFile): string {
  if (file.type) return file.type
  const ext = file.name.toLowerCase().split('.').pop() ?? ''
  return typesByExtension[ext] ?? 'application/octet-stream'
}

/**
 * readExpiry reads the expiry date from its three boxes as YYYY-MM-DD, or says
 * what is wrong with it in the GOV.UK date input's words. today is YYYY-MM-DD.
 */
export function readExpiry(day: string, month: string, year: string, today: string): { iso: string; error?: undefined } | { error: string } {
  const d = day.trim()
  const m = month.trim()
  const y = year.trim()
  if (!d && !m && !y) return { error: 'Enter the date the insurance expires' }
  const missing = [!d && 'a day', !m && 'a month', !y && 'a year'].filter(Boolean)
  if (missing.length) return { error: `The expiry date must include ${missing.join(' and ')}` }
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d+$/.test(y)) return { error: 'The expiry date must be a real date' }
  if (y.length !== 4) return { error: 'The year must include 4 numbers' }
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)))
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    return { error: 'The expiry date must be a real date' }
  }
  const iso = date.toISOString().slice(0, 10)
  if (iso < today) return { error: 'The expiry date must be today or in the future' }
  return { iso }
}

/**
 * checkCertificate checks the form before anything is sent: the upload to make,
 * or the summary lines in the order of the fields on the page.
 */
export function checkCertificate(
  values: CertificateValues,
  file: ChosenFile | undefined,
  today: string,
): { upload: CertificateUpload; errors?: undefined } | { errors: SummaryError[]; upload?: undefined } {
  const errors: SummaryError[] = []
  if (!kinds.some((k) => k.value === values.kind)) errors.push({ field: FIELD.kind, text: 'Select the kind of insurance' })
  const amount = poundsToPence(values.amount, 'The amount of cover')
  if (amount.error !== undefined) errors.push({ field: FIELD.amount, text: amount.error })
  else if (amount.pence === 0) errors.push({ field: FIELD.amount, text: 'The amount of cover must be more than £0' })
  const expiry = readExpiry(values.day, values.month, values.year, today)
  if (expiry.error !== undefined) errors.push({ field: FIELD.expiry, text: expiry.error })
  const type = file ? contentTypeOf(file) : ''
  if (!file) errors.push({ field: FIELD.file, text: 'Select a certificate to upload' })
  else if (!Object.values(typesByExtension).includes(type)) errors.push({ field: FIELD.file, text: 'The selected file must be a PDF, JPG or PNG' })
  else if (file.size === 0) errors.push({ field: FIELD.file, text: 'The selected file is empty' })
  else if (file.size > MAX_UPLOAD_BYTES) errors.push({ field: FIELD.file, text: `The selected file must be smaller than ${MAX_UPLOAD_BYTES >> 20} MB` })
  if (errors.length || !file || amount.pence === undefined || expiry.error !== undefined) return { errors }
  return { upload: { kind: values.kind, amountPence: amount.pence, expiresOn: expiry.iso, filename: file.name, contentType: type } }
}

/**
 * locationOnPage maps where the server says a problem is to the field on this
 * page that shows it: body.expiresOn → the date's day box, body.filename → the
 * file input. The details travel in the query string, so huma's own checks
 * name query.amountPence and the like: those map the same way.
 */
export function locationOnPage(location: string | undefined): string | undefined {
  const m = /^(?:body|query)\.(.+)$/.exec(location ?? '')
  if (!m) return location
  const field = m[1] === 'expiresOn' ? FIELD.expiry : m[1] === 'filename' ? FIELD.file : m[1]
  return `body.${field}`
}

/** todayInLondon is today's date in London as YYYY-MM-DD. */
export function todayInLondon(now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** daysUntil counts the days from today (YYYY-MM-DD) to a date (YYYY-MM-DD); negative once it has passed. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}

/** REMINDER_DAYS is how long before expiry owners are emailed, and a certificate "expires soon". */
export const REMINDER_DAYS = 30

/** expiryTag says whether a certificate has expired or expires within REMINDER_DAYS, or undefined when neither. */
export function expiryTag(expiresOn: string, expired: boolean, today: string): { text: string; colour: 'red' | 'yellow' } | undefined {
  const days = daysUntil(expiresOn, today)
  if (expired || days < 0) return { text: 'Expired', colour: 'red' }
  if (days <= REMINDER_DAYS) return { text: 'Expires soon', colour: 'yellow' }
  return undefined
}

/** formatDay writes a YYYY-MM-DD date in words: "31 March 2027". */
export function formatDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`)
  if (Number.isNaN(d.getTime())) return date
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(d)
}

/** formatSize writes a file's size for people: "12 KB", "3.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
