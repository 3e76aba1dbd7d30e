import { useState } from 'react'
import { Link, useLocation } from 'react-router'
import { api, call, type Members } from '../../../api/client'
import { isProblem } from '../../../api/errors'
import { useSession } from '../../../app/session'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Table } from '../../../components/table/table'
import { formatDate } from '../../../format/dates'
import { LoadGate } from '../../../lib/load-gate'
import { roleName, membersRefusal, useMembers, type MembersNotice } from '../members-state'

const title = 'People in your organisation'

/**
 * MembersList shows who is in the organisation and who has been invited. Owners
 * can invite people, change roles and remove people; anyone can leave.
 */
export function MembersList() {
  const { load, reload } = useMembers()
  const me = useSession().me
  const passedNotice = (useLocation().state as MembersNotice | null)?.notice
  // What the last Resend or Cancel did, said in the banner at the top.
  const [done, setDone] = useState<{ ok: boolean; text: string } | undefined>()
  const [busy, setBusy] = useState('')
  const notice = done?.ok ? done.text : passedNotice

  const act = async (organisationId: string, i: Members['invitations'][number], action: 'resend' | 'cancel') => {
    if (busy) return
    setBusy(i.id)
    const params = { path: { invitationId: i.id }, query: organisationId ? { organisationId } : {} }
    try {
      if (action === 'resend') await call(api.POST('/api/v1/supplier/members/invitations/{invitationId}/resend', { params }))
      else await call(api.DELETE('/api/v1/supplier/members/invitations/{invitationId}', { params }))
      setDone({ ok: true, text: action === 'resend' ? `We have sent the invitation to ${i.email} again, with a new link` : `The invitation to ${i.email} is cancelled` })
      await reload()
    } catch (err) {
      setDone({
        ok: false,
        text: isProblem(err) ? (err.problem.detail ?? 'That did not work. Try again.') : 'Sorry, there is a problem with the service. Try again later.',
      })
    } finally {
      setBusy('')
    }
  }
  const orgName = me?.organisations?.[0]?.name ?? 'your organisation'

  return (
    <LoadGate load={load} {...membersRefusal}>
      {({ members, organisationId }) => {
        const owner = members.yourRole === 'owner'
        return (
          <Page title={title}>
            <div className="govuk-grid-row">
              <div className="govuk-grid-column-full">
                {notice && <NotificationBanner type="success" heading={notice} />}
                {done && !done.ok && <NotificationBanner heading={done.text} />}
                <span className="govuk-caption-l">{orgName}</span>
                <h1 className="govuk-heading-l">{title}</h1>
                <div className="govuk-grid-row">
                  <div className="govuk-grid-column-two-thirds">
                    <p className="govuk-body">
                      <strong>Owners</strong> can invite and remove people and change their roles. They are emailed about any change to your
                      bank details. <strong>Members</strong> can do everything else.
                    </p>
                    {owner ? (
                      <Link to="/members/invite" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
                        Invite someone
                      </Link>
                    ) : (
                      <p className="govuk-body">Only an owner can invite or remove people. You are a member.</p>
                    )}
                  </div>
                </div>
                <Table
                  caption="Members"
                  firstCellIsHeader
                  rows={members.members}
                  rowKey={(m) => m.userId}
                  columns={[
                    { header: 'Name', cell: (m) => (m.userId === me?.id ? `${m.name} (you)` : m.name) },
                    { header: 'Email address', cell: (m) => <span className="app-break-words">{m.email}</span> },
                    { header: 'Role', cell: (m) => roleName(m.role) },
                    {
                      header: <span className="govuk-visually-hidden">Actions</span>,
                      cell: (m) =>
                        m.userId === me?.id ? (
                          <Link className="govuk-link" to="/members/leave">
                            Leave<span className="govuk-visually-hidden"> {orgName}</span>
                          </Link>
                        ) : owner ? (
                          <ul className="govuk-list govuk-!-margin-bottom-0">
                            <li>
                              <Link className="govuk-link" to={`/members/${m.userId}/role`}>
                                Change role<span className="govuk-visually-hidden"> of {m.name}</span>
                              </Link>
                            </li>
                            <li>
                              <Link className="govuk-link" to={`/members/${m.userId}/remove`}>
                                Remove<span className="govuk-visually-hidden"> {m.name}</span>
                              </Link>
                            </li>
                          </ul>
                        ) : null,
                    },
                  ]}
                />
                {members.invitations.length > 0 && (
                  <Table
                    caption="Invitations not yet accepted"
                    rows={members.invitations}
                    rowKey={(i) => i.id}
                    columns={[
                      { header: 'Email address', cell: (i) => <span className="app-break-words">{i.email}</span> },
                      { header: 'Role', cell: (i) => roleName(i.role) },
                      { header: 'Link works until', cell: (i) => formatDate(i.expiresAt) },
                      ...(owner
                        ? [
                            {
                              header: <span className="govuk-visually-hidden">Actions</span>,
                              cell: (i: Members['invitations'][number]) => (
                                <ul className="govuk-list govuk-!-margin-bottom-0">
                                  <li>
                                    <button type="button" className="app-button-link" aria-disabled={busy === i.id || undefined} onClick={() => void act(organisationId, i, 'resend')}>
                                      Resend{' '}<span className="govuk-visually-hidden">the invitation to {i.email}</span>
                                    </button>
                                  </li>
                                  <li>
                                    <button type="button" className="app-button-link" aria-disabled={busy === i.id || undefined} onClick={() => void act(organisationId, i, 'cancel')}>
                                      Cancel{' '}<span className="govuk-visually-hidden">the invitation to {i.email}</span>
                                    </button>
                                  </li>
                                </ul>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                )}
              </div>
            </div>
          </Page>
        )
      }}
    </LoadGate>
  )
}
