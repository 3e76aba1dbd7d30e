/**
 * upcoming is what the service does not do yet but will, said plainly wherever
 * a page tells suppliers what they can do. When one of them lands, take it out
 * of here and say on those pages how to use it.
 */
export const upcoming = [
  'get feedback on your bid and see how it was scored',
  'team up with other organisations to bid together',
  'tell the council if a main contractor pays you late',
]

/** ComingSoon lists what is not available yet, so that no page promises it as if it were. */
export function ComingSoon() {
  return (
    <>
      <p className="govuk-body">Coming soon, but not available yet, you will be able to:</p>
      <ul className="govuk-list govuk-list--bullet">
        {upcoming.map((u) => (
          <li key={u}>{u}</li>
        ))}
      </ul>
    </>
  )
}
