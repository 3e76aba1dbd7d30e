// Words the profile pages share (the API's codes are named in lib/labels).

/** The answers to a declaration. */
export const answerLabels: Record<string, string> = {
  yes: 'Yes',
  no: 'No',
  not_applicable: 'Does not apply to us',
}

/** yesNo writes a boolean as an answer. */
export function yesNo(b: boolean): string {
  return b ? 'Yes' : 'No'
}
