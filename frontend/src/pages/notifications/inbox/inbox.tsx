import { useState, type FormEvent, type MouseEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Pagination } from '../../../components/pagination/pagination'
import { Tag } from '../../../components/tag/tag'
import { useForm } from '../../../forms/use-form'
import { formatDateTime } from '../../../format/dates'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { LoadGate } from '../../../lib/load-gate'
import { NOTHING_MISSING, useLoad, type Loaded } from '../../../lib/use-load'
import { alertRefusal } from '../alert-state'
import type { Inbox as InboxPage, InboxMessage } from '../types'
import { messageKindLabels } from '../../../lib/labels'

/** How many messages a page of the inbox shows. */
export const PAGE_SIZE = 20

/** inboxHref is the address of a page of the inbox, with or without the unread filter. */
export function inboxHref(unreadOnly: boolean, page = 1): string {
  const q = new URLSearchParams()
  if (unreadOnly) q.set('unread', 'true')
  if (page > 1) q.set('page', String(page))
  const s = q.toString()
  return `/inbox${s ? `?${s}` : ''}`
}

/** inboxTitle is the page's heading: the unread count in words, so it needs no colour or badge. */
export function inboxTitle(unread: number): string {
  return unread > 0 ? `Inbox (${unread} unread)` : 'Inbox'
}

// Another page or filter is another page to the person: it shows loading, so
// that the new page takes focus as any page does. A reload after "Mark all as
// read" keeps the page in place.
function useInbox(unreadOnly: boolean, page: number): Loaded<InboxPage> {
  return useLoad(
    () => call(api.GET('/api/v1/notifications', { params: { query: { unread: unreadOnly || undefined, page, pageSize: PAGE_SIZE } } })),
    [unreadOnly, page],
    NOTHING_MISSING,
  )
}

async function markRead(id: string): Promise<void> {
  await call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }))
}

function Message({ m }: { m: InboxMessage }) {
  const navigate = useNavigate()
  const unread = !m.readAt
  const open = async (e: MouseEvent<HTMLAnchorElement>) => {
    if (!unread) return
    // A new tab or window keeps this page: mark it read on the way, and let the browser open it.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      void markRead(m.id).catch(() => {})
      return
    }
    e.preventDefault()
    // Marked before leaving, so that coming back shows it read. If marking
    // fails, the opportunity still matters more than the mark.
    await markRead(m.id).catch(() => {})
    navigate(m.link)
  }
  const kind = messageKindLabels[m.kind] ?? ''
  return (
    <li>
      <h2 className={`govuk-body govuk-!-margin-bottom-1 ${unread ? 'govuk-!-font-weight-bold' : 'govuk-!-font-weight-regular'}`}>
        {m.link ? (
          <Link className="govuk-link" to={m.link} onClick={open}>
            {m.title}
          </Link>
        ) : (
          m.title
        )}
        {unread && (
          <>
            {' '}
            <Tag colour="blue">Unread</Tag>
          </>
        )}
      </h2>
      <p className="govuk-body-s app-secondary-text govuk-!-margin-bottom-1">
        {kind}
        {m.kind === 'match' && m.alertName ? ` ‘${m.alertName}’` : ''}
        {kind ? ' – ' : ''}
        {formatDateTime(m.createdAt)}
      </p>
      {m.body && <p className="govuk-body app-pre-line">{m.body}</p>}
      {m.deadlineChanged && m.deadline && (
        <div className="govuk-inset-text">The deadline for bids has changed since this message: it is now {m.deadline.text}.</div>
      )}
      <hr className="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
    </li>
  )
}

/**
 * Inbox lists the person's messages newest first, unread ones in bold and
 * tagged, each linking to its opportunity (opening one marks it read), with
 * a filter for unread ones, "Mark all as read" and pages.
 */
export function Inbox() {
  const [params] = useSearchParams()
  const unreadOnly = params.get('unread') === 'true'
  const page = Math.max(1, Math.min(10_000, Number(params.get('page')) || 1))
  const [notice, setNotice] = useState('')
  const { load, reload } = useInbox(unreadOnly, page)
  const form = useForm({})

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const markAll = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await form.submit(async () => {
      await call(api.POST('/api/v1/notifications/read-all'))
    })
    if (ok) {
      setNotice('All your messages are marked as read')
      await reload()
    }
  }

  return (
    <LoadGate load={load} {...alertRefusal} refusedTitle="You cannot see this inbox">
      {(inbox) => {
        const title = inboxTitle(inbox.unread)
        const pageCount = Math.max(1, Math.ceil(inbox.total / (inbox.pageSize || PAGE_SIZE)))
        return (
          <Page title={title} error={form.summary.length > 0}>
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-two-thirds">
                <ErrorSummary errors={form.summary} attempt={form.attempt} />
                {notice && <NotificationBanner type="success" heading={notice} />}
                <h1 className="govuk-heading-l">{title}</h1>
                <p className="govuk-body">
                  Opportunities that match your{' '}
                  <Link className="govuk-link" to="/alerts">
                    alerts
                  </Link>
                  , changes to opportunities you registered interest in, and deadline reminders. We email you these too.
                </p>
                <p className="govuk-body">
                  {unreadOnly ? (
                    <>
                      Showing unread messages only.{' '}
                      <Link className="govuk-link" to={inboxHref(false)}>
                        Show all messages
                      </Link>
                    </>
                  ) : (
                    <>
                      Showing all messages.{' '}
                      <Link className="govuk-link" to={inboxHref(true)}>
                        Show unread only
                      </Link>
                    </>
                  )}
                </p>
                {inbox.unread > 0 && (
                  <form noValidate onSubmit={markAll}>
                    <Button variant="secondary" busy={form.submitting}>
                      Mark all as read
                    </Button>
                  </form>
                )}
                {inbox.items.length === 0 ? (
                  <Empty unreadOnly={unreadOnly} total={inbox.total} />
                ) : (
                  <ul className="govuk-list">
                    {inbox.items.map((m) => (
                      <Message key={m.id} m={m} />
                    ))}
                  </ul>
                )}
                <Pagination page={page} pageCount={pageCount} hrefFor={(p) => inboxHref(unreadOnly, p)} />
              </div>
            </div>
          </Page>
        )
      }}
    </LoadGate>
  )
}

function Empty({ unreadOnly, total }: { unreadOnly: boolean; total: number }) {
  if (total > 0) {
    // Past the last page (messages were read or deleted since the link was made).
    return (
      <p className="govuk-body">
        There are no more messages.{' '}
        <Link className="govuk-link" to={inboxHref(unreadOnly)}>
          Go to the first page
        </Link>
      </p>
    )
  }
  if (unreadOnly) return <p className="govuk-body">You have no unread messages.</p>
  return (
    <>
      <h2 className="govuk-heading-m">You have no messages yet</h2>
      <p className="govuk-body">
        When the council publishes an opportunity that matches one of your alerts, or changes an opportunity you registered interest
        in, we tell you here and by email.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/alerts">
          Check your alerts
        </Link>{' '}
        or{' '}
        <Link className="govuk-link" to="/opportunities">
          find opportunities
        </Link>
        .
      </p>
    </>
  )
}
