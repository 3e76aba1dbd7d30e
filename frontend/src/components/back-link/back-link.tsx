import { Link } from 'react-router'

/** BackLink is the GOV.UK back link to the previous question. */
export function BackLink({ to, children = 'Back' }: { to: string; children?: string }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  )
}
