import { WarningText } from '../../components/warning-text/warning-text'
import type { Opportunity } from './draft'

/**
 * DeadlineWarnings shows what the server warns of about an opportunity's
 * deadlines (one on a weekend or a bank holiday, with a working day to
 * consider): allowed, but worth a second look before publishing or after
 * moving a deadline.
 */
export function DeadlineWarnings({ view }: { view: Pick<Opportunity, 'publishWarnings'> }) {
  return (
    <>
      {view.publishWarnings.map((w) => (
        <WarningText key={w.field}>{w.message}</WarningText>
      ))}
    </>
  )
}
