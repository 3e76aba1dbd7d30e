// The search's choices that are not codes of the API (those are named in lib/labels).

/** The "closing within" choices, in days. */
export const closingWithinChoices = ['7', '14', '30', '60']

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
