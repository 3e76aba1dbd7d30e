// What buyers choose between, in plain English, with the values the API takes.

/** How suppliers bid: the API's procedure, with a name and a hint for buyers. */
export const procedures = [
  {
    value: 'open_tender',
    label: 'Open tender',
    hint: 'Any supplier can bid. Use it for larger contracts.',
  },
  {
    value: 'quick_quote',
    label: 'Quick quote',
    hint: 'A short, simple request for quotes, for contracts below the threshold.',
  },
  {
    value: 'dps_call',
    label: 'Call for competition under a dynamic purchasing system (DPS)',
    hint: 'Only suppliers already admitted to the DPS category can bid.',
  },
]

/** procedureName is what a procedure is called on screen. */
export function procedureName(value: string): string {
  return procedures.find((p) => p.value === value)?.label ?? 'Not chosen yet'
}

/** Who may bid when the council keeps an opportunity for some suppliers. */
export const reservedOptions = [
  { value: 'none', label: 'Anyone can bid' },
  { value: 'local', label: 'Only suppliers based in the council’s area' },
  { value: 'uk', label: 'Only suppliers based in the UK' },
  { value: 'sme_vcse', label: 'Only small and medium-sized businesses (SMEs) and VCSEs' },
]

/** reservedName is what a reservation is called on screen. */
export function reservedName(value: string): string {
  return reservedOptions.find((r) => r.value === value)?.label ?? 'Anyone can bid'
}

/** What a criterion judges. Social value criteria count towards the social value weighting. */
export const criterionKinds = [
  { value: 'price', text: 'Price' },
  { value: 'quality', text: 'Quality' },
  { value: 'social_value', text: 'Social value' },
]

/** criterionKindName is what a kind of criterion is called on screen. */
export function criterionKindName(value: string): string {
  return criterionKinds.find((k) => k.value === value)?.text ?? value
}
