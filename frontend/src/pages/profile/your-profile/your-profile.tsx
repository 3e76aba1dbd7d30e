import { Link, useLocation } from 'react-router'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { TaskList, type Task } from '../../../components/task-list/task-list'
import { useProfile } from '../profile-state'
import { CHECK_ANSWERS, sectionAnswered, sectionPath, sections } from '../sections'
import { taskStatuses } from '../../../lib/labels'

const title = 'Your organisation’s profile'

const { completed, incomplete, notStarted } = taskStatuses

/** What other pages may say to the task list through navigation state. */
export interface ProfileNotice {
  notice?: string
}

/**
 * YourProfile is the GOV.UK task list for the profile: the question pages,
 * then check and save, then the ethical standards declarations, with what is
 * still missing and how the organisation is classified once saved.
 */
export function YourProfile() {
  const profile = useProfile()
  const { state } = useLocation()
  const notice = (state as ProfileNotice | null)?.notice
  const { view, draft } = profile

  const questionTasks: Task[] = sections.map((s) => ({
    title: s.title,
    to: sectionPath(s.key),
    hint: s.optional ? 'Optional' : s.hint,
    // Answered but not yet confirmed with Continue (such as the names given at
    // registration) counts as started.
    status: profile.isComplete(s.key) ? completed : sectionAnswered(s.key, draft) && !s.optional ? incomplete : notStarted,
  }))
  const allDone = sections.every((s) => profile.isComplete(s.key))
  const saveTask: Task = {
    title: 'Check and save your profile',
    to: allDone ? CHECK_ANSWERS : undefined,
    status: !allDone
      ? taskStatuses.cannotStart
      : profile.changed || view.version === 0
        ? { text: 'Not yet saved', tag: 'blue' }
        : completed,
  }
  const answered = view.declarations.filter((d) => d.answer).length
  const declarationTask: Task = {
    title: 'Ethical standards',
    to: '/profile/declarations',
    hint: 'Declare whether you meet the council’s standards, such as paying the London Living Wage',
    status: answered === view.declarations.length ? completed : answered > 0 ? incomplete : notStarted,
  }
  // Certificates are kept apart from the profile (each is a document), so the
  // task list links to them without counting them towards a complete profile.
  const insuranceTask: Task = {
    title: 'Insurance certificates',
    to: '/insurance',
    hint: 'Public liability, employer’s liability and professional indemnity, with their expiry dates',
    status: { text: 'Optional' },
  }
  const doneCount = questionTasks.filter((t) => t.status === completed).length + (declarationTask.status === completed ? 1 : 0)
  const total = questionTasks.length + 1

  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice && <NotificationBanner type="success" heading={notice} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Tell us about {view.organisationName} once. We use it to tell you about work that fits, and council buyers see it when they
            look for suppliers.
          </p>
          {view.complete && !profile.changed ? (
            <p className="govuk-body">
              <strong>Your profile is complete.</strong> You can change it at any time.
            </p>
          ) : (
            <>
              <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
                {doneCount === total ? 'Your profile is not saved yet' : 'Your profile is not complete yet'}
              </h2>
              <p className="govuk-body">
                {doneCount === total
                  ? 'You have answered every section. Check and save your profile to finish.'
                  : `You have completed ${doneCount} of ${total} sections.`}
              </p>
            </>
          )}
          {view.missing.length > 0 && (
            <>
              <p className="govuk-body govuk-!-margin-bottom-1">Still to do:</p>
              <ul className="govuk-list govuk-list--bullet">
                {view.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          )}
          {profile.changed && view.version > 0 && (
            <p className="govuk-body">
              You have changes that are not saved yet.{' '}
              <Link className="govuk-link" to={CHECK_ANSWERS}>
                Check and save them
              </Link>
              .
            </p>
          )}

          <h2 className="govuk-heading-m">1. About your organisation</h2>
          <TaskList tasks={questionTasks} idPrefix="about" />
          <h2 className="govuk-heading-m">2. Save your profile</h2>
          <TaskList tasks={[saveTask]} idPrefix="save" />
          <h2 className="govuk-heading-m">3. Declarations</h2>
          <TaskList tasks={[declarationTask]} idPrefix="declarations" />
          <h2 className="govuk-heading-m">4. Insurance</h2>
          <TaskList tasks={[insuranceTask]} idPrefix="insurance" />

          <h2 className="govuk-heading-m">How we classify your organisation</h2>
          {view.version > 0 ? (
            <p className="govuk-body">
              <Link className="govuk-link" to="/profile/classification">
                See how we classify your organisation, and why
              </Link>{' '}
              (its size, whether it is a VCSE and how local it is).
            </p>
          ) : (
            <p className="govuk-body">When you have saved your profile, we will show you how we classify your organisation, and why.</p>
          )}
        </div>
      </div>
    </Page>
  )
}
