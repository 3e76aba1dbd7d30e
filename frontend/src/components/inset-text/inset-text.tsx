import type { ReactNode } from 'react'

/** InsetText is the GOV.UK inset text. */
export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>
}
