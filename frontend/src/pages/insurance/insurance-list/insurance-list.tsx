import { Link, useLocation } from 'react-router'
import type { Insurance } from '../../../api/client'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { formatPounds } from '../../../format/money'
import { expiryTag, formatDay, formatSize, kindName, REMINDER_DAYS, todayInLondon } from '../certificate'
import { LoadGate } from '../../../lib/load-gate'
import { documentHref, insuranceRefusal, useInsurances, type InsuranceNotice } from '../insurance-state'

const title = 'Insurance certificates'

function CertificateCard({ item, today }: { item: Insurance; today: string }) {
  const tag = expiryTag(item.expiresOn, item.expired, today)
  const name = kindName(item.kind)
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{name}</h2>
        <ul className="govuk-summary-card__actions">
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to={`/insurance/${encodeURIComponent(item.id)}/remove`}>
              Remove<span className="govuk-visually-hidden"> {name.toLowerCase()} certificate {item.filename}</span>
            </Link>
          </li>
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            { key: 'Cover', value: formatPounds(item.amountPence) },
            {
              key: 'Expires',
              value: (
                <>
                  {formatDay(item.expiresOn)}
                  {tag && (
                    <>
                      {' '}
                      <Tag colour={tag.colour}>{tag.text}</Tag>
                    </>
                  )}
                </>
              ),
            },
            {
              key: 'Certificate',
              value: (
                <>
                  <a className="govuk-link app-break-words" href={documentHref(item.id)} download={item.filename}>
                    {item.filename}
                  </a>{' '}
                  ({formatSize(item.size)})
                </>
              ),
            },
          ]}
        />
      </div>
    </div>
  )
}

/**
 * InsuranceList shows the organisation's insurance certificates, soonest
 * expiry first, each with its cover, its expiry date (tagged when it has
 * expired or expires soon) and its document to download.
 */
export function InsuranceList() {
  const load = useInsurances()
  const notice = (useLocation().state as InsuranceNotice | null)?.notice
  const today = todayInLondon()
  return (
    <LoadGate load={load} {...insuranceRefusal}>
      {(items) => (
        <Page title={title}>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              {notice && <NotificationBanner type="success" heading={notice} />}
              <h1 className="govuk-heading-l">{title}</h1>
              <p className="govuk-body">
                Council buyers check your insurance before they award work. Add a certificate for each kind of insurance you have: public
                liability, employer’s liability and professional indemnity.
              </p>
              <p className="govuk-body">We email your organisation’s owners {REMINDER_DAYS} days before a certificate expires.</p>
              {items.length === 0 ? (
                <p className="govuk-body">You have not added any insurance certificates yet.</p>
              ) : (
                items.map((item) => <CertificateCard key={item.id} item={item} today={today} />)
              )}
              <Link to="/insurance/add" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                Add a certificate
              </Link>
            </div>
          </div>
        </Page>
      )}
    </LoadGate>
  )
}
