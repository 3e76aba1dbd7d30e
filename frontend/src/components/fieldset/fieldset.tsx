import type { ReactNode } from 'react'

/** Props for Fieldset. */
export interface FieldsetProps {
  legend: ReactNode
  /** Makes the legend the page's h1 (a question page with several fields). */
  isPageHeading?: boolean
  legendSize?: 'xl' | 'l' | 'm' | 's'
  /** The id of a hint inside the fieldset that describes the whole group. */
  describedBy?: string
  children: ReactNode
}

/** Fieldset is the GOV.UK fieldset, grouping related fields (an address, a contact) under one legend. */
export function Fieldset({ legend, isPageHeading, legendSize, describedBy, children }: FieldsetProps) {
  return (
    <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
      <legend className={`govuk-fieldset__legend${legendSize ? ` govuk-fieldset__legend--${legendSize}` : ''}`}>
        {isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
      </legend>
      {children}
    </fieldset>
  )
}
