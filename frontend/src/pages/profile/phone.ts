// The server's rule for UK telephone numbers (suppliers.NormaliseUKPhone), applied on the
// contacts page so that a mistyped number is pointed out there, not after the whole profile is
// sent. The two share their test cases (backend/suppliers/testdata/uk-phones.json).

const UK_PHONE = 'Enter a UK telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192'

/**
 * normaliseUKPhone returns the number in E.164 form ("020 7946 0000" → "+442079460000"), or the
 * message saying what is wrong with it.
 */
export function normaliseUKPhone(s: string): { number: string } | { error: string } {
  const n = s.replace(/[\s()\-.–]/g, '').toUpperCase()
  if (!n) return { error: 'Enter a telephone number' }
  let nsn: string
  if (n.startsWith('+44')) nsn = n.slice(3).replace(/^0/, '')
  else if (n.startsWith('0044')) nsn = n.slice(4).replace(/^0/, '')
  else if (n.startsWith('0')) nsn = n.slice(1)
  else if (n.startsWith('+')) return { error: 'Enter a UK telephone number. Numbers from other countries cannot be used' }
  else return { error: UK_PHONE }
  if (!/^[1235789]\d{9}$/.test(nsn)) return { error: UK_PHONE }
  return { number: '+44' + nsn }
}

/** ukPhoneError is the message for a number the server would refuse, or undefined. */
export function ukPhoneError(s: string): string | undefined {
  const r = normaliseUKPhone(s)
  return 'error' in r ? r.error : undefined
}
