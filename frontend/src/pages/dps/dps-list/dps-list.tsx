import { Link, useLocation } from 'react-router'
import { api, call } from '../../../api/client'
import { BUYER_ROLES } from '../../../app/require-role'
import { useSession } from '../../../app/session'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Tag } from '../../../components/tag/tag'
import '../dps.css'
import { dpsPath, type Notice } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { dpsStatus, runsText } from '../labels'
import type { Dps } from '../types'

const title = 'Join a supplier list'

/**
 * DpsList shows the council's dynamic purchasing systems and dynamic markets:
 * what each buys, whether it is taking applications and how many categories
 * it has. Buyers also see drafts and can set one up.
 */
export function DpsList() {
  const { load } = useLoad(async () => (await call(api.GET('/api/v1/dps'))).items, [])
  return <LoadGate load={load}>{(items) => <List items={items} />}</LoadGate>
}

function firstParagraph(text: string): string {
  const p = text.split(/\n\s*\n/)[0].trim()
  return p.length > 300 ? `${p.slice(0, 297).trimEnd()}…` : p
}

function List({ items }: { items: Dps[] }) {
  const { me } = useSession()
  const { state } = useLocation()
  const notice = (state as Notice | null)?.notice
  const buyer = me && BUYER_ROLES.includes(me.role)
  const supplier = me?.role === 'supplier'
  const open = items.filter((d) => d.status !== 'draft')
  const drafts = items.filter((d) => d.status === 'draft')

  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            The council buys some kinds of work from a list of approved suppliers. Each list is a{' '}
            <Link className="govuk-link" to="/glossary#dps">
              dynamic purchasing system (DPS)
            </Link>{' '}
            or a{' '}
            <Link className="govuk-link" to="/glossary#dynamic-market">
              dynamic market
            </Link>
            . Apply once to join the categories of work you do. When the council needs that work, everyone in the category is invited to bid.
          </p>
          <p className="govuk-body">You can apply at any time while a list is open, and there is no charge to apply.</p>
          {supplier && (
            <p className="govuk-body">
              <Link className="govuk-link" to="/dps-applications">
                Your applications
              </Link>
            </p>
          )}
          {buyer && (
            <>
              <div className="govuk-button-group">
                <Link to="/dps/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                  Set up a supplier list
                </Link>
                <Link className="govuk-link" to="/dps/queue">
                  Applications waiting for a decision
                </Link>
              </div>
              {drafts.length > 0 && (
                <>
                  <h2 className="govuk-heading-m">Drafts</h2>
                  <p className="govuk-body">Suppliers cannot see these until you publish them.</p>
                  <Items items={drafts} level={3} />
                </>
              )}
              <h2 className="govuk-heading-m">Published</h2>
            </>
          )}
          {open.length === 0 ? <p className="govuk-body">There are no supplier lists at the moment. Check again later.</p> : <Items items={open} level={buyer ? 3 : 2} />}
        </div>
      </div>
    </Page>
  )
}

function Items({ items, level }: { items: Dps[]; level: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3'
  return (
    <ul className="govuk-list app-dps-list">
      {items.map((d) => {
        const status = dpsStatus(d.status)
        return (
          <li key={d.id} className="app-dps-list__item">
            <H className="govuk-heading-m govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={dpsPath(d.id)}>
                {d.title}
              </Link>
            </H>
            <p className="govuk-body govuk-!-margin-bottom-2">
              <Tag colour={status.colour}>{status.text}</Tag>
            </p>
            <p className="govuk-body govuk-!-margin-bottom-2">{firstParagraph(d.description)}</p>
            <p className="govuk-body-s app-secondary-text">
              {d.categories.length} categor{d.categories.length === 1 ? 'y' : 'ies'}. {runsText(d)}.
            </p>
          </li>
        )
      })}
    </ul>
  )
}
