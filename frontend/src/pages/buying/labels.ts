// What buyers choose between, in plain English, with the values the API takes
// (named in lib/labels) and hints for buyers.
import { criterionKindLabels, procedureLabels, procedureName, reservationLabels, type CriterionKind, type Reservation } from '../../lib/labels'

/** How suppliers bid: the API's procedure, with a name and a hint for buyers. */
export const procedures = [
  {
    value: 'open_tender',
    label: procedureLabels.open_tender,
    hint: 'Any supplier can bid. Use it for larger contracts.',
  },
  {
    value: 'quick_quote',
    label: procedureLabels.quick_quote,
    hint: 'A short, simple request for quotes, for contracts below the threshold.',
  },
  {
    value: 'dps_call',
    label: procedureLabels.dps_call,
    hint: 'Only suppliers already admitted to the DPS category can bid.',
  },
]

/** procedureName is what a procedure is called on screen. */
export { procedureName }

/** Who may bid when the council keeps an opportunity for some suppliers. */
export const reservedOptions = (Object.keys(reservationLabels) as Reservation[]).map((value) => ({ value, label: reservationLabels[value] }))

/** reservedName is what a reservation is called on screen. */
export function reservedName(value: string): string {
  return reservationLabels[value as Reservation] ?? reservationLabels.none
}

/** What a criterion judges. Social value criteria count towards the social value weighting. */
export const criterionKinds = (Object.keys(criterionKindLabels) as CriterionKind[]).map((value) => ({ value, text: criterionKindLabels[value] }))

/** criterionKindName is what a kind of criterion is called on screen. */
export function criterionKindName(value: string): string {
  return criterionKindLabels[value as CriterionKind] ?? value
}
