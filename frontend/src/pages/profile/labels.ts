// What the API's codes are called on screen.

/** The size classes, as suppliers and buyers read them. */
export const sizeLabels: Record<string, string> = {
  micro: 'Micro',
  small: 'Small',
  medium: 'Medium-sized',
  large: 'Large',
}

/** The locality classes, as suppliers and buyers read them. */
export const localityLabels: Record<string, string> = {
  local: 'Local',
  sub_regional: 'Sub-regional (a neighbouring borough)',
  regional: 'Regional',
  national: 'National',
}

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
