import { Link, useLocation, useParams } from 'react-router'
import { BUYER_ROLES } from '../../../app/require-role'
import { useSession } from '../../../app/session'
import { Details } from '../../../components/details/details'
import { InsetText } from '../../../components/inset-text/inset-text'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { Tag } from '../../../components/tag/tag'
import { formatDate } from '../../../format/dates'
import { formatDay } from '../../buying/date-time'
import '../dps.css'
import { dpsPath, fetchDps, type Notice } from '../dps-state'
import { useLoad } from '../../../lib/use-load'
import { LoadGate } from '../../../lib/load-gate'
import { DpsQuestionsSection } from '../../clarifications/questions-section/questions-section'
import { KindsOfWork } from '../kinds-of-work'
import { decisionText, dpsStatus, feeText, maxValueText, membersText, rulesText, runsText } from '../labels'
import type { Category, Dps } from '../types'

/**
 * DpsPage is a DPS's public page: what it buys, how to join and for how long,
 * its rules in plain words, and its categories with how many suppliers (and
 * how many SMEs, VCSEs and local ones) are in each. Suppliers apply from here;
 * buyers change, publish and assess from here.
 */
export function DpsPage() {
  const { id = '' } = useParams()
  const { load } = useLoad(() => fetchDps(id), [id])
  return <LoadGate load={load}>{({ dps }) => <View dps={dps} />}</LoadGate>
}

function HowToJoin({ dps }: { dps: Dps }) {
  const { me, status } = useSession()
  const buyer = me && BUYER_ROLES.includes(me.role)
  if (dps.status === 'draft') return <p className="govuk-body">Suppliers cannot apply until you publish it.</p>
  if (dps.status === 'closed') return <p className="govuk-body">This list closed on {formatDay(dps.endsOn)}. It is not taking applications.</p>
  if (dps.status === 'not_started') {
    return <p className="govuk-body">This list is not open yet. You can apply from {formatDay(dps.startsOn)}.</p>
  }
  if (buyer) return <p className="govuk-body">Suppliers apply from this page. You decide each application in the assessment queue.</p>
  return (
    <>
      <p className="govuk-body">
        Choose the categories you want to join and answer a few questions. We fill in what we can from your organisation’s profile. You
        can save your answers and come back later.
      </p>
      {status !== 'signed-in' && (
        <p className="govuk-body">You need to sign in as a supplier first. If you do not have an account, you can create one for free.</p>
      )}
      {me && me.role !== 'supplier' ? (
        <p className="govuk-body">Only suppliers can apply. You are signed in with a council account.</p>
      ) : (
        <Link to={dpsPath(dps.id, 'apply')} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          Apply to join
        </Link>
      )}
      {status !== 'signed-in' && (
        <p className="govuk-body">
          <Link className="govuk-link" to="/register">
            Create an account
          </Link>
        </p>
      )}
    </>
  )
}

function CategoryCard({ c }: { c: Category }) {
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">{c.name}</h3>
      </div>
      <div className="govuk-summary-card__content">
        <SummaryList
          rows={[
            ...(c.description ? [{ key: 'What it covers', value: <span className="app-pre-line">{c.description}</span> }] : []),
            { key: 'Kinds of work', value: <KindsOfWork category={c} /> },
            { key: 'Where', value: c.areaName || c.area || 'Anywhere' },
            { key: 'Contract value', value: maxValueText(c.maxContractValuePence) },
            { key: 'Members', value: membersText(c) },
          ]}
        />
      </div>
    </div>
  )
}

function View({ dps }: { dps: Dps }) {
  const { me } = useSession()
  const { state } = useLocation()
  const notice = (state as Notice | null)?.notice
  const buyer = me && BUYER_ROLES.includes(me.role)
  const status = dpsStatus(dps.status)

  return (
    <Page title={dps.title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <span className="govuk-caption-l">
            {dps.regime === 'pa2023' ? 'Dynamic market' : 'Dynamic purchasing system'} {dps.reference}
          </span>
          <h1 className="govuk-heading-l">{dps.title}</h1>
          <p className="govuk-body">
            <Tag colour={status.colour}>{status.text}</Tag>
          </p>
          {buyer && (
            <>
              {dps.status === 'draft' && <InsetText>This is a draft. Suppliers cannot see it until you publish it.</InsetText>}
              <ul className="govuk-list">
                <li>
                  <Link className="govuk-link" to={dpsPath(dps.id, 'edit')}>
                    Change this {dps.status === 'draft' ? 'draft' : 'list'}
                  </Link>
                </li>
                {dps.status === 'draft' ? (
                  <li>
                    <Link className="govuk-link" to={dpsPath(dps.id, 'publish')}>
                      Check and publish
                    </Link>
                  </li>
                ) : (
                  <li>
                    <Link className="govuk-link" to={`/dps/queue?dpsId=${encodeURIComponent(dps.id)}`}>
                      Applications waiting for a decision
                    </Link>
                  </li>
                )}
              </ul>
            </>
          )}

          <h2 className="govuk-heading-m">What it buys</h2>
          <p className="govuk-body app-pre-line">{dps.description}</p>

          <h2 className="govuk-heading-m">How to join</h2>
          <HowToJoin dps={dps} />

          <h2 className="govuk-heading-m">How it works</h2>
          <SummaryList
            rows={[
              { key: 'When it runs', value: runsText(dps) },
              { key: 'Deciding applications', value: decisionText(dps) },
              { key: 'Fees', value: feeText(dps) },
              ...(dps.firstCallFrom && dps.status !== 'draft'
                ? [{ key: 'First contracts', value: `The first contracts can be offered from ${formatDate(dps.firstCallFrom)}.` }]
                : []),
            ]}
          />
          <h3 className="govuk-heading-s">The rules</h3>
          <ul className="govuk-list govuk-list--bullet">
            {rulesText(dps).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {dps.questions.length > 0 && (
            <Details summary="Questions you will be asked">
              <ol className="govuk-list govuk-list--number">
                {dps.questions.map((q) => (
                  <li key={q.id}>
                    {q.text}
                    {q.categoryIds.length > 0 && (
                      <span className="app-secondary-text">
                        {' '}
                        (only for{' '}
                        {q.categoryIds
                          .map((cid) => dps.categories.find((c) => c.id === cid)?.name)
                          .filter(Boolean)
                          .join(', ')}
                        )
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            </Details>
          )}

          <h2 className="govuk-heading-m">Categories</h2>
          <p className="govuk-body">
            You join one or more categories. Each contract is offered to everyone in its category, so the numbers show how many others
            you would compete with.
          </p>
          {dps.categories.map((c) => (
            <CategoryCard key={c.id} c={c} />
          ))}
          {dps.status !== 'draft' && <DpsQuestionsSection d={dps} closesText={formatDay(dps.endsOn)} />}
          <p className="govuk-body">
            <Link className="govuk-link" to="/dps">
              All supplier lists
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
