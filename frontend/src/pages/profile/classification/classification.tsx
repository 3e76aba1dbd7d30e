import { Link, useLocation } from 'react-router'
import { BackLink } from '../../../components/back-link/back-link'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { useProfile } from '../profile-state'
import { sectionPath } from '../sections'
import { ClassificationSummary } from './classification-summary'

const title = 'How we classify your organisation'

/**
 * Classification explains the organisation's size, SME and VCSE status and
 * locality, each with the reason, and where to change the answers behind them.
 * It is where a save of the profile lands.
 */
export function Classification() {
  const { view } = useProfile()
  const saved = Boolean((useLocation().state as { saved?: boolean } | null)?.saved)
  const undeclared = view.declarations.some((d) => !d.answer)

  return (
    <Page title={title}>
      <BackLink to="/profile">Back to your profile</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {saved && (
            <NotificationBanner type="success" heading="Your profile has been saved">
              {undeclared && (
                <p className="govuk-body">
                  Next,{' '}
                  <Link className="govuk-notification-banner__link" to="/profile/declarations">
                    answer the ethical standards declarations
                  </Link>
                  .
                </p>
              )}
            </NotificationBanner>
          )}
          <h1 className="govuk-heading-l">{title}</h1>
          {view.version === 0 ? (
            <p className="govuk-body">
              We will work this out when you have{' '}
              <Link className="govuk-link" to="/profile">
                saved your profile
              </Link>
              .
            </p>
          ) : (
            <>
              <p className="govuk-body">
                We work these out from your answers. The council uses them to see how much of its spending goes to small, local and
                community organisations, and buyers can search for suppliers by them.
              </p>
              <ClassificationSummary c={view.classification} />
              <h2 className="govuk-heading-m">If something is wrong</h2>
              <p className="govuk-body">Change the answers it comes from:</p>
              <ul className="govuk-list govuk-list--bullet">
                <li>
                  size:{' '}
                  <Link className="govuk-link" to={sectionPath('size')}>
                    your staff and turnover
                  </Link>
                </li>
                <li>
                  VCSE:{' '}
                  <Link className="govuk-link" to={sectionPath('organisation-details')}>
                    your type of organisation
                  </Link>{' '}
                  or{' '}
                  <Link className="govuk-link" to={sectionPath('what-you-do')}>
                    whether you are a social enterprise with an asset lock
                  </Link>
                </li>
                <li>
                  how local:{' '}
                  <Link className="govuk-link" to={sectionPath('address')}>
                    your address and local authority
                  </Link>
                </li>
              </ul>
              <p className="govuk-body">Then check and save your profile again.</p>
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
