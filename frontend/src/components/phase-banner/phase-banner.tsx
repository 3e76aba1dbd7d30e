/** PhaseBanner is the GOV.UK phase banner: this is a beta service and where to send feedback. */
export function PhaseBanner({ feedbackUrl }: { feedbackUrl: string }) {
  return (
    <div className="govuk-phase-banner">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
        <span className="govuk-phase-banner__text">
          This is a new service.{' '}
          {feedbackUrl ? (
            <>
              Help us improve it and{' '}
              <a className="govuk-link" href={feedbackUrl}>
                give your feedback
              </a>
              .
            </>
          ) : (
            'Your feedback will help us improve it.'
          )}
        </span>
      </p>
    </div>
  )
}
