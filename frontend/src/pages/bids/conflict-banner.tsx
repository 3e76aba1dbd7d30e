import { NotificationBanner } from '../../components/notification-banner/notification-banner'
import { CONFLICT_MESSAGE } from './bid-state'

/** ConflictBanner says plainly that someone else's save came first, and that the page shows theirs. */
export function ConflictBanner({ show }: { show: boolean }) {
  if (!show) return null
  return (
    <NotificationBanner title="Important" heading="Someone else changed this bid">
      <p className="govuk-body">{CONFLICT_MESSAGE}</p>
    </NotificationBanner>
  )
}
