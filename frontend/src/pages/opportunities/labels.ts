// What the API's codes for opportunities are called on screen, in plain English.

/** How suppliers bid, by procedure code. The API's procedureLabel is preferred where it is given. */
export const procedureLabels: Record<string, string> = {
  open_tender: 'Open tender',
  quick_quote: 'Quick quote',
  dps_call: 'Call for competition under a dynamic purchasing system (DPS)',
}

/** A hint for each procedure, for the filter. */
export const procedureHints: Record<string, string> = {
  open_tender: 'Any organisation can send a full bid.',
  quick_quote: 'A short quote for smaller jobs.',
  dps_call: 'Only for suppliers already on the council’s approved list for that kind of work.',
}

/** Where the work is done, relative to the council, by locality code. */
export const localityLabels: Record<string, string> = {
  local: 'In the council’s own area',
  sub_regional: 'In a neighbouring area',
  regional: 'Elsewhere in the region',
  national: 'Anywhere in the UK',
}

/** The statuses the public search offers (planned ones have their own page: the pipeline). */
export const statusLabels: Record<string, string> = {
  open: 'Open for bids',
  closed: 'Closed to bids',
  cancelled: 'Cancelled',
}

/** The "closing within" choices, in days. */
export const closingWithinChoices = ['7', '14', '30', '60']

/** The orders results can be sorted in. */
export const sortLabels: Record<string, string> = {
  relevance: 'Most relevant',
  closing: 'Closing soonest',
  newest: 'Newest',
}

/** A value band: estimated value from min to max pence inclusive, 0 for no limit. */
export interface ValueBand {
  key: string
  label: string
  min: number
  max: number
}

/**
 * valueBands are the value filter's choices. The API's bounds are inclusive,
 * so each band starts a penny above the one before and no contract is in two.
 */
export const valueBands: ValueBand[] = [
  { key: 'up-to-25k', label: 'Up to £25,000', min: 0, max: 2_500_000 },
  { key: '25k-100k', label: '£25,000 to £100,000', min: 2_500_001, max: 10_000_000 },
  { key: '100k-500k', label: '£100,000 to £500,000', min: 10_000_001, max: 50_000_000 },
  { key: '500k-2m', label: '£500,000 to £2 million', min: 50_000_001, max: 200_000_000 },
  { key: 'over-2m', label: 'More than £2 million', min: 200_000_001, max: 0 },
]

/** The kinds of evaluation criterion. */
export const criterionKindLabels: Record<string, string> = {
  price: 'Price',
  quality: 'Quality',
  social_value: 'Social value',
}
