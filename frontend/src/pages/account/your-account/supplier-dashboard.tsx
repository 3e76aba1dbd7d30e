// A supplier's dashboard: what has happened and what is waiting for them, each
// part from its own API, asked for all at once. Each part loads, fails and says
// it has nothing on its own, so one service being down leaves the rest of the
// page working.
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { api, call } from '../../../api/client'
import { Tag } from '../../../components/tag/tag'
import { TaskList, type Task } from '../../../components/task-list/task-list'
import { bidStatusTags, questionStatusTags, tagOf, taskStatuses } from '../../../lib/labels'
import { NOTHING_MISSING, useLoad, type Load } from '../../../lib/use-load'
import { fetchSupplierBids } from '../../bids/api'
import { bidPath } from '../../bids/progress'
import { aboutOf } from '../../clarifications/labels'
import { appPath } from '../../dps/dps-state'
import { appStatus, formatDue } from '../../dps/labels'
import { standing, timeLeft } from '../../opportunities/time-left'
import { draftFromAnswers, draftFromView } from '../../profile/draft'
import { fetchProfile } from '../../profile/profile-state'
import { sectionAnswered, sectionPath, sections } from '../../profile/sections'

/** How many of each kind the dashboard shows before "See all". */
export const SHOWN = 5

/** One part of the dashboard: a summary card with its heading and a way on. */
function Card<T>({
  id,
  title,
  load,
  more,
  problem,
  children,
}: {
  id: string
  title: string
  load: Load<T>
  /** The link to the full list, in the card's heading. */
  more: { to: string; text: string }
  /** What could not be shown, in words: "your bids". */
  problem: string
  children: (data: T) => ReactNode
}) {
  return (
    <section className="govuk-summary-card" aria-labelledby={`${id}-title`}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={`${id}-title`}>
          {title}
        </h2>
        <ul className="govuk-summary-card__actions">
          <li className="govuk-summary-card__action">
            <Link className="govuk-link" to={more.to}>
              {more.text}
            </Link>
          </li>
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        {load.kind === 'loading' ? (
          <p className="govuk-body govuk-!-margin-bottom-0" role="status">
            Loading {problem}.
          </p>
        ) : load.kind === 'ready' ? (
          children(load.data)
        ) : (
          <p className="govuk-body govuk-!-margin-bottom-0">
            <strong>
              We cannot show {problem} just now.
              {load.kind === 'refused' && load.detail ? ` ${load.detail}` : ' Try again later.'}
            </strong>
          </p>
        )}
      </div>
    </section>
  )
}

/** Rows is a summary list of items: each names its item (a link) and says where it stands. */
function Rows({ rows }: { rows: { key: string; name: ReactNode; value: ReactNode }[] }) {
  return (
    <dl className="govuk-summary-list govuk-!-margin-bottom-0">
      {rows.map((r) => (
        <div className="govuk-summary-list__row" key={r.key}>
          <dt className="govuk-summary-list__key">{r.name}</dt>
          <dd className="govuk-summary-list__value">{r.value}</dd>
        </div>
      ))}
    </dl>
  )
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="govuk-body govuk-!-margin-bottom-0">{children}</p>
}

/** Shown says how many of how many a card lists, when it lists only some. */
function Shown({ shown, total, what }: { shown: number; total: number; what: string }) {
  if (total <= shown) return null
  return (
    <p className="govuk-body-s govuk-!-margin-top-3 govuk-!-margin-bottom-0">
      Showing {shown} of {total} {what}.
    </p>
  )
}

async function markRead(id: string): Promise<void> {
  try {
    await call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }))
  } catch {
    // It stays unread, and is still shown as new: nothing is lost.
  }
}

function NewMatches() {
  // Matches are the unread messages of one kind: the newest page of unread is enough to find them.
  const { load } = useLoad(() => call(api.GET('/api/v1/notifications', { params: { query: { unread: true, pageSize: 50 } } })), [], NOTHING_MISSING)
  return (
    <Card id="matches" title="New matches" load={load} more={{ to: '/inbox?unread=true', text: 'Go to your inbox' }} problem="your new matches">
      {(inbox) => {
        const matches = inbox.items.filter((m) => m.kind === 'match')
        if (matches.length === 0)
          return (
            <Empty>
              No new opportunities match your alerts. We tell you here, and by email, when one is published.{' '}
              <Link className="govuk-link" to="/alerts">
                Check your alerts
              </Link>
              .
            </Empty>
          )
        return (
          <>
            <Rows
              rows={matches.slice(0, SHOWN).map((m) => ({
                key: m.id,
                name: (
                  // Opened from here, it is no longer new, as when opened from the inbox.
                  <Link className="govuk-link" to={m.link} onClick={() => void markRead(m.id)}>
                    {m.title}
                  </Link>
                ),
                value: (
                  <>
                    {m.deadline ? `Bids by ${m.deadline.text}` : 'No deadline for bids yet'}
                    {m.alertName && <span className="govuk-hint govuk-!-display-block govuk-!-font-weight-regular govuk-!-margin-bottom-0">Matched your alert ‘{m.alertName}’</span>}
                  </>
                ),
              }))}
            />
            <Shown shown={Math.min(SHOWN, matches.length)} total={matches.length} what="new matches" />
          </>
        )
      }}
    </Card>
  )
}

function Interests({ organisationId }: { organisationId?: string }) {
  const { load } = useLoad(
    (signal) => call(api.GET('/api/v1/supplier/interests', { params: { query: { organisationId, pageSize: SHOWN } }, signal })),
    [organisationId],
    NOTHING_MISSING,
  )
  const now = new Date()
  return (
    <Card
      id="interests"
      title="Opportunities you registered interest in"
      load={load}
      more={{ to: '/opportunities', text: 'Find opportunities' }}
      problem="the opportunities you registered interest in"
    >
      {(list) => {
        if (list.items.length === 0)
          return (
            <Empty>
              You have not registered interest in any opportunities. Register interest on an opportunity’s page to hear when it
              changes and be reminded before its deadline.
            </Empty>
          )
        return (
          <>
            <Rows
              rows={list.items.map((o) => {
                const s = standing(o, now)
                const questionsOpen = o.status === 'open' && o.clarificationDeadline && timeLeft(o.clarificationDeadline.at, now).open
                return {
                  key: o.id,
                  name: (
                    <>
                      <Link className="govuk-link" to={`/opportunities/${encodeURIComponent(o.id)}`}>
                        {o.title}
                      </Link>
                      <span className="govuk-hint govuk-!-display-block govuk-!-font-weight-regular govuk-!-margin-bottom-0">{o.reference}</span>
                    </>
                  ),
                  value: (
                    <>
                      <Tag colour={s.colour}>{s.text}</Tag>
                      {o.submissionDeadline && o.status !== 'cancelled' && (
                        <span className="govuk-!-display-block govuk-!-margin-top-1">Bids by {o.submissionDeadline.text}</span>
                      )}
                      {questionsOpen && (
                        <span className="govuk-!-display-block govuk-!-margin-top-1">Questions by {o.clarificationDeadline?.text}</span>
                      )}
                    </>
                  ),
                }
              })}
            />
            <Shown shown={list.items.length} total={list.total} what="opportunities, those closing soonest first" />
          </>
        )
      }}
    </Card>
  )
}

function Bids({ organisationId }: { organisationId?: string }) {
  const { load } = useLoad((signal) => fetchSupplierBids(organisationId, signal), [organisationId], NOTHING_MISSING)
  return (
    <Card id="bids" title="Your bids" load={load} more={{ to: '/supplier/bids', text: 'See all your bids' }} problem="your bids">
      {(list) => {
        const items = list.items ?? []
        if (items.length === 0) return <Empty>You have not started any bids. To bid for an opportunity, select ‘Start a bid’ on its page.</Empty>
        return (
          <>
            <Rows
              rows={items.slice(0, SHOWN).map((b) => {
                const tag = tagOf(bidStatusTags, b.status)
                return {
                  key: b.id,
                  name: (
                    <Link className="govuk-link" to={bidPath(b.id)}>
                      {b.opportunityTitle}
                    </Link>
                  ),
                  value: (
                    <>
                      <Tag colour={tag.colour}>{tag.text}</Tag>
                      {b.deadline && <span className="govuk-!-display-block govuk-!-margin-top-1">Deadline: {b.deadline.text}</span>}
                    </>
                  ),
                }
              })}
            />
            <Shown shown={Math.min(SHOWN, items.length)} total={items.length} what="bids, newest first" />
          </>
        )
      }}
    </Card>
  )
}

function Questions({ organisationId }: { organisationId?: string }) {
  const { load } = useLoad(
    async (signal) => (await call(api.GET('/api/v1/supplier/questions', { params: { query: { organisationId } }, signal }))).items,
    [organisationId],
    NOTHING_MISSING,
  )
  return (
    <Card id="questions" title="Your questions" load={load} more={{ to: '/supplier/questions', text: 'See all your questions' }} problem="your questions">
      {(items) => {
        if (items.length === 0)
          return <Empty>You have not asked the council any questions. You can ask about an opportunity on its page, until its deadline for questions.</Empty>
        return (
          <>
            <Rows
              rows={items.slice(0, SHOWN).map((q) => {
                const about = aboutOf(q)
                const tag = tagOf(questionStatusTags, q.status)
                return {
                  key: q.id,
                  name: (
                    <>
                      {q.subject}
                      <span className="govuk-hint govuk-!-display-block govuk-!-font-weight-regular govuk-!-margin-bottom-0">
                        About{' '}
                        <Link className="govuk-link" to={about.page}>
                          {about.title}
                        </Link>
                      </span>
                    </>
                  ),
                  value: <Tag colour={tag.colour}>{tag.text}</Tag>,
                }
              })}
            />
            <Shown shown={Math.min(SHOWN, items.length)} total={items.length} what="questions, newest first" />
          </>
        )
      }}
    </Card>
  )
}

function Applications({ organisationId }: { organisationId?: string }) {
  const { load } = useLoad(async (signal) => (await call(api.GET('/api/v1/supplier/dps-applications', { signal }))).items, [], NOTHING_MISSING)
  return (
    <Card
      id="applications"
      title="Applications to supplier lists"
      load={load}
      more={{ to: '/dps-applications', text: 'See all your applications' }}
      problem="your applications"
    >
      {(all) => {
        // The list is of every organisation the person is in; the dashboard is of the one they act for.
        const items = all.filter((a) => !organisationId || a.organisationId === organisationId)
        if (items.length === 0)
          return (
            <Empty>
              You have not applied to join any supplier lists (dynamic purchasing systems).{' '}
              <Link className="govuk-link" to="/dps">
                Find a supplier list to join
              </Link>{' '}
              to be invited to bid for that type of work.
            </Empty>
          )
        return (
          <>
            <Rows
              rows={items.slice(0, SHOWN).map((a) => {
                const s = appStatus(a.status)
                return {
                  key: a.id,
                  name: (
                    <Link className="govuk-link" to={appPath(a.id)}>
                      {a.dpsTitle}
                    </Link>
                  ),
                  value: (
                    <>
                      <Tag colour={s.colour}>{s.text}</Tag>
                      {a.status === 'submitted' && a.dueAt && (
                        <span className="govuk-!-display-block govuk-!-margin-top-1">Decision by {formatDue(a.dueAt)}</span>
                      )}
                    </>
                  ),
                }
              })}
            />
            <Shown shown={Math.min(SHOWN, items.length)} total={items.length} what="applications" />
          </>
        )
      }}
    </Card>
  )
}

function Profile({ organisationId }: { organisationId?: string }) {
  const { load } = useLoad(
    async () => {
      const query = organisationId ? { organisationId } : {}
      const [{ view }, kept] = await Promise.all([fetchProfile(organisationId), call(api.GET('/api/v1/supplier/profile/draft', { params: { query } }))])
      return { view, kept }
    },
    [organisationId],
    NOTHING_MISSING,
  )
  return (
    <Card id="profile" title="Your organisation’s profile" load={load} more={{ to: '/profile', text: 'Go to your profile' }} problem="your profile">
      {({ view, kept }) => {
        if (view.complete && !kept.exists) return <Empty>Your profile is complete. Council buyers see it when they look for suppliers.</Empty>
        // As the profile's own task list counts them: answered, and continued from or saved.
        const draft = kept.exists ? draftFromAnswers(kept.answers) : draftFromView(view)
        const done = (kept.exists ? kept.sections : []) as string[]
        const tasks: Task[] = sections
          .filter((s) => !s.optional && !(sectionAnswered(s.key, draft) && (done.includes(s.key) || view.version > 0)))
          .map((s) => ({ title: s.title, to: sectionPath(s.key), status: sectionAnswered(s.key, draft) ? taskStatuses.incomplete : taskStatuses.notStarted }))
        const answered = view.declarations.filter((d) => d.answer).length
        if (answered < view.declarations.length)
          tasks.push({ title: 'Ethical standards', to: '/profile/declarations', status: answered > 0 ? taskStatuses.incomplete : taskStatuses.notStarted })
        if (tasks.length === 0)
          return (
            <Empty>
              You have answered every section.{' '}
              <Link className="govuk-link" to="/profile/check-answers">
                Check and save your profile
              </Link>{' '}
              to finish.
            </Empty>
          )
        return (
          <>
            <p className="govuk-body">Still to do, so that we can tell you about work that fits and council buyers can find you:</p>
            <TaskList tasks={tasks} idPrefix="profile-task" />
          </>
        )
      }}
    </Card>
  )
}

/**
 * SupplierDashboard is what a verified supplier sees first: new matches, the
 * opportunities they registered interest in with their deadlines, their bids,
 * questions and applications, and what their profile still needs.
 */
export function SupplierDashboard({ organisationId }: { organisationId?: string }) {
  return (
    <>
      <NewMatches />
      <Interests organisationId={organisationId} />
      <Bids organisationId={organisationId} />
      <Questions organisationId={organisationId} />
      <Applications organisationId={organisationId} />
      <Profile organisationId={organisationId} />
    </>
  )
}
