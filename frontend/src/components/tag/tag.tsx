import type { ReactNode } from 'react'

/** The colours GOV.UK tags come in; none is the default dark blue. */
export type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow'

/** Tag is the GOV.UK tag, for a status. Its words must make sense without the colour. */
export function Tag({ children, colour, className }: { children: ReactNode; colour?: TagColour; className?: string }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}${className ? ` ${className}` : ''}`}>{children}</strong>
}
