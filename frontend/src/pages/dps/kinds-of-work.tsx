import { kindsOfWork } from './labels'
import type { Category } from './types'

/** KindsOfWork lists a category's kinds of work in words, each with its CPV code. */
export function KindsOfWork({ category }: { category: Pick<Category, 'cpvDetails'> }) {
  const kinds = kindsOfWork(category)
  if (kinds.length === 1) return <>{kinds[0]}</>
  return (
    <ul className="govuk-list">
      {kinds.map((k) => (
        <li key={k}>{k}</li>
      ))}
    </ul>
  )
}
