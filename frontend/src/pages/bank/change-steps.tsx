import type { BankChange } from '../../api/client'
import { Tag } from '../../components/tag/tag'
import { formatDate } from '../../format/dates'

/** One step a change goes through before it takes effect. */
export interface Step {
  text: string
  state: 'done' | 'now' | 'waiting'
  detail?: string
}

/**
 * changeSteps lists the four checks a bank details change goes through, each
 * marked done, happening now, or waiting, from what the API says of the change.
 */
export function changeSteps(c: BankChange): Step[] {
  const called = c.callbackDone
  const approved = Boolean(c.approvedAt)
  const effective = c.status === 'active'
  return [
    { text: 'We email every owner of your organisation about the change, so they can stop it if it was not you.', state: 'done' },
    {
      // The council sets how long a number must have been on the profile, and
      // how long cooling off lasts; the API's explanation gives the numbers.
      text: c.first
        ? // First details: a supplier newer than the council's minimum has no number held that long.
          'A council officer calls you back to check you gave these details: on a phone number that has been on your profile long enough or, if you are new, one they find themselves, such as on your Companies House record or your website.'
        : 'A council officer calls you back, on a phone number that was on your profile well before the change, to check it was made by you.',
      state: called ? 'done' : 'now',
    },
    {
      text: 'A second council officer, not the one who called you, approves the change.',
      state: approved ? 'done' : called ? 'now' : 'waiting',
      detail: c.approvedAt ? `Approved on ${formatDate(c.approvedAt)}.` : undefined,
    },
    {
      text: 'A cooling-off period of a few working days passes. Until then an owner can still stop the change.',
      state: effective ? 'done' : approved ? 'now' : 'waiting',
      detail: c.coolingOffUntil && !effective ? `It takes effect on ${formatDate(c.coolingOffUntil)}.` : undefined,
    },
  ]
}

const stateTag = {
  done: <Tag colour="green">Done</Tag>,
  now: <Tag colour="blue">Happening now</Tag>,
  waiting: <Tag colour="grey">Not yet</Tag>,
}

/** ChangeSteps shows the checks of a change that is being checked, step by step. */
export function ChangeSteps({ change }: { change: BankChange }) {
  if (change.status !== 'pending' && change.status !== 'cooling_off') return null
  return (
    <ol className="govuk-list govuk-list--number app-steps">
      {changeSteps(change).map((s) => (
        <li key={s.text} className="app-steps__item">
          {s.text} <span className="app-steps__status">{stateTag[s.state]}</span>
          {s.detail && <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">{s.detail}</span>}
        </li>
      ))}
    </ol>
  )
}
