// Times come from the API in UTC and are shown in Europe/London, whatever the
// browser's own time zone.

const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' })
const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/**
 * clockWords writes a time of day on the 24-hour clock, "HH:MM", in the one
 * GOV.UK style the whole service uses (as the server's format.Time does):
 * "9am", "5:30pm", and "midday" and "midnight" rather than 12pm and 12am,
 * which people misread. '' when it is not a time.
 */
export function clockWords(hhmm: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm)
  if (!m) return ''
  const h = Number(m[1])
  const min = Number(m[2])
  if (min === 0 && h === 12) return 'midday'
  if (min === 0 && h === 0) return 'midnight'
  const h12 = h % 12 === 0 ? 12 : h % 12
  return `${h12}${min ? `:${m[2]}` : ''}${h >= 12 ? 'pm' : 'am'}`
}

/** formatTime writes an instant's London time of day: "9am", "5:30pm", "midday". */
export function formatTime(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : clockWords(time.format(d))
}

/** formatDate writes an ISO time as a London date: "26 November 2026". */
export function formatDate(iso: string | undefined | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : day.format(d)
}

/** formatDateTime writes an ISO time as a London date and time: "26 November 2026 at 4:20pm", "1 July 2026 at midday". */
export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${day.format(d)} at ${formatTime(d)}`
}
