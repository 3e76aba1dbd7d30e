// Times come from the API in UTC and are shown in Europe/London, whatever the
// browser's own time zone.

const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' })
const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' })

/** formatDate writes an ISO time as a London date: "26 November 2026". */
export function formatDate(iso: string | undefined | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : day.format(d)
}

/** formatDateTime writes an ISO time as a London date and time: "26 November 2026 at 4:20pm". */
export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${day.format(d)} at ${time.format(d).replace(/\s/g, '').toLowerCase()}`
}
