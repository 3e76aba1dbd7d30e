import { Link, useLocation, useSearchParams } from 'react-router'
import { api, call, type BankQueueItem } from '../../../api/client'
import { useSession } from '../../../app/session'
import { InsetText } from '../../../components/inset-text/inset-text'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Pagination } from '../../../components/pagination/pagination'
import { Tag } from '../../../components/tag/tag'
import { failed, useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { type QueueNotice } from '../bank-queue'
import { ChangeSummary } from '../change-summary'
import { bankQueueTags } from '../../../lib/labels'

const title = 'Bank details changes to check'
const PAGE_SIZE = 20

function Actions({ item, meId }: { item: BankQueueItem; meId?: string }) {
  const links: { to: string; text: string }[] = []
  if (item.status === 'pending' && !item.callback) links.push({ to: `/bank-changes/${item.id}/callback`, text: 'Record call-back' })
  if (item.status === 'pending' && item.callback && item.callback.by.id !== meId)
    links.push({ to: `/bank-changes/${item.id}/approve`, text: 'Approve' })
  if (item.status === 'pending' || item.status === 'frozen' || item.status === 'cooling_off')
    links.push({ to: `/bank-changes/${item.id}/refuse`, text: 'Refuse' })
  return (
    <ul className="govuk-list">
      {links.map((l) => (
        <li key={l.to}>
          <Link className="govuk-link" to={l.to}>
            {l.text}
            <span className="govuk-visually-hidden"> the change for {item.organisationName}</span>
          </Link>
        </li>
      ))}
    </ul>
  )
}

/**
 * BankChanges is the officers' queue of bank details changes not yet in
 * effect, oldest first, each with what to do next.
 */
export function BankChanges() {
  const [params] = useSearchParams()
  const page = Math.max(1, Number(params.get('page')) || 1)
  const notice = (useLocation().state as QueueNotice | null)?.notice
  const me = useSession().me
  const { load } = useLoad(() => call(api.GET('/api/v1/bank-changes', { params: { query: { page, pageSize: PAGE_SIZE } } })), [page])

  if (failed(load)) return <ServiceProblem />
  const q = load.kind === 'ready' ? load.data : undefined
  const pageCount = q ? Math.max(1, Math.ceil(q.total / q.pageSize)) : 1

  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Suppliers’ requests to change the account the council pays them into, oldest first. Each change needs a call-back to a
            number that was on the supplier’s record well before the request, then approval by a second officer. See{' '}
            <Link className="govuk-link" to="/glossary#mandate-fraud">
              mandate fraud
            </Link>
            .
          </p>
          {!q && (
            <p className="govuk-body" role="status">
              Loading.
            </p>
          )}
          {q && q.total === 0 && <p className="govuk-body">There are no changes to check.</p>}
          {q && q.total > 0 && (
            <p className="govuk-body">
              {q.total} change{q.total === 1 ? '' : 's'} not yet in effect.
            </p>
          )}
          {q?.items.map((item) => {
            const st = bankQueueTags[item.status]
            return (
              <section key={item.id} className="govuk-!-margin-bottom-9" aria-labelledby={`item-${item.id}`}>
                <h2 className="govuk-heading-m" id={`item-${item.id}`}>
                  {item.organisationName} <Tag colour={st.colour}>{st.text}</Tag>
                </h2>
                <ChangeSummary item={item} />
                <InsetText>
                  <strong>Next:</strong> {item.nextStep}
                </InsetText>
                <Actions item={item} meId={me?.id} />
              </section>
            )
          })}
          {q && <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/bank-changes${p > 1 ? `?page=${p}` : ''}`} />}
        </div>
      </div>
    </Page>
  )
}
