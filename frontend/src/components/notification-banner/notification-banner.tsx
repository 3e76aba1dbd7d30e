import { useId, type ReactNode } from 'react'

/** Props for NotificationBanner. */
export interface NotificationBannerProps {
  /** 'success' banners are announced (role=alert); others are a labelled region. */
  type?: 'important' | 'success'
  title?: string
  heading?: ReactNode
  children?: ReactNode
}

/** NotificationBanner is the GOV.UK notification banner. */
export function NotificationBanner({ type = 'important', title, heading, children }: NotificationBannerProps) {
  const titleId = useId()
  const success = type === 'success'
  return (
    <div
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading && <p className="govuk-notification-banner__heading">{heading}</p>}
        {children}
      </div>
    </div>
  )
}
