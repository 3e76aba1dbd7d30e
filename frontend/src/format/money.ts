// Money is integer pence in the API and pounds on screen. People type pounds the
// way they write them ("£1,250,000", "12.5", "2 000 000"), so parsing is
// forgiving about those marks and strict about everything else.

/** The largest amount the API accepts: £100 billion, in pence. */
export const MAX_PENCE = 100_000_000_000 * 100

/** The result of reading an amount of pounds: pence, or what is wrong in words. */
export type ParsedPounds = { pence: number; error?: undefined } | { pence?: undefined; error: string }

/**
 * poundsToPence reads an amount of pounds as typed and returns it in pence.
 * It accepts a leading £, commas and spaces between digits, and up to 2
 * decimal places; it refuses negative amounts, letters and amounts over
 * MAX_PENCE. label names the amount in the error ("Turnover").
 */
export function poundsToPence(text: string, label = 'The amount'): ParsedPounds {
  const cleaned = text.trim().replace(/^£/, '').replace(/[,\s]/g, '')
  if (cleaned === '') return { error: `Enter ${label.toLowerCase()}` }
  if (cleaned.startsWith('-')) return { error: `${label} must be £0 or more` }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(cleaned)
  if (!m || (m[1] === '' && !m[2])) return { error: `${label} must be an amount of money, like 125000 or 125,000.50` }
  if ((m[2] ?? '').length > 2) return { error: `${label} must have no more than 2 numbers after the decimal point, like 125000.50` }
  const pounds = m[1] === '' ? 0 : Number(m[1])
  const pence = Number((m[2] ?? '').padEnd(2, '0'))
  // Integer arithmetic: pounds * 100 stays exact well past MAX_PENCE, and a
  // longer string of digits is refused before it can lose precision.
  if (m[1].replace(/^0+/, '').length > 12 || pounds * 100 + pence > MAX_PENCE) {
    return { error: `${label} must be ${formatPounds(MAX_PENCE)} or less` }
  }
  return { pence: pounds * 100 + pence }
}

function groupThousands(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * formatPounds writes pence as pounds for reading: "£1,250,000", or
 * "£12.50" when there are pence.
 */
export function formatPounds(pence: number): string {
  const sign = pence < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(pence))
  const whole = Math.floor(abs / 100)
  const rest = abs % 100
  return `${sign}£${groupThousands(whole)}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`
}

/**
 * penceToPoundsInput writes pence as a form field shows it, without the £
 * (the field has its own prefix): "1,250,000" or "1,250,000.50".
 */
export function penceToPoundsInput(pence: number): string {
  return formatPounds(pence).replace('£', '')
}

/** The result of reading a whole number: the number, or what is wrong in words. */
export type ParsedCount = { value: number; error?: undefined } | { value?: undefined; error: string }

/** parseCount reads a whole number of things (people), allowing commas; label names it. */
export function parseCount(text: string, label: string, max = 10_000_000): ParsedCount {
  const cleaned = text.trim().replace(/[,\s]/g, '')
  if (cleaned === '') return { error: `Enter ${label.toLowerCase()}` }
  if (cleaned.startsWith('-')) return { error: `${label} must be 0 or more` }
  if (!/^\d+$/.test(cleaned)) return { error: `${label} must be a whole number, like 12` }
  const value = Number(cleaned)
  if (value > max) return { error: `${label} must be ${groupThousands(max)} or fewer` }
  return { value }
}
