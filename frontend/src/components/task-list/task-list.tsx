import { Link } from 'react-router'
import { Tag, type TagColour } from '../tag/tag'

/** A task's status: plain text for "Completed" and "Cannot start yet", a tag for the rest. */
export interface TaskStatus {
  text: string
  /** Show the status as a tag of this colour; leave out for plain text. */
  tag?: TagColour | 'default'
  /** Greys the status out, as for "Cannot start yet". */
  cannotStart?: boolean
}

/** One task in a TaskList. */
export interface Task {
  title: string
  /** Where the task is done; a task without one cannot be started yet. */
  to?: string
  hint?: string
  status: TaskStatus
}

/**
 * TaskList is the GOV.UK task list: each task's name links to it, and the link
 * is described by its hint and status, so screen readers hear all three.
 */
export function TaskList({ tasks, idPrefix = 'task-list' }: { tasks: Task[]; idPrefix?: string }) {
  return (
    <ul className="govuk-task-list">
      {tasks.map((t, i) => {
        const hintId = `${idPrefix}-${i + 1}-hint`
        const statusId = `${idPrefix}-${i + 1}-status`
        const { status } = t
        return (
          <li key={t.title} className={`govuk-task-list__item${t.to ? ' govuk-task-list__item--with-link' : ''}`}>
            <div className="govuk-task-list__name-and-hint">
              {t.to ? (
                <Link className="govuk-link govuk-task-list__link" to={t.to} aria-describedby={`${t.hint ? `${hintId} ` : ''}${statusId}`}>
                  {t.title}
                </Link>
              ) : (
                <div>{t.title}</div>
              )}
              {t.hint && (
                <div id={hintId} className="govuk-task-list__hint">
                  {t.hint}
                </div>
              )}
            </div>
            <div
              className={`govuk-task-list__status${status.cannotStart ? ' govuk-task-list__status--cannot-start-yet' : ''}`}
              id={statusId}
            >
              {status.tag ? <Tag colour={status.tag === 'default' ? undefined : status.tag}>{status.text}</Tag> : status.text}
            </div>
          </li>
        )
      })}
    </ul>
  )
}
