import { useEffect, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, call } from '../../../../api/client'
import { useSession } from '../../../../app/session'
import { Button } from '../../../../components/button/button'
import { Page } from '../../../../components/page/page'
import { Panel } from '../../../../components/panel/panel'
import { PasswordInput } from '../../../../components/password-input/password-input'
import { WarningText } from '../../../../components/warning-text/warning-text'
import { required, useForm } from '../../../../forms/use-form'
import { LoadGate } from '../../../../lib/load-gate'
import { useLoad } from '../../../../lib/use-load'
import { ServiceProblem } from '../../../errors/service-problem/service-problem'
import { tooManyTries } from '../../../two-step/two-step-state'
import { SettingsForm } from '../settings-form'
import { SETTINGS_PATH } from '../settings-state'

const title = 'Delete your account'

type Plan = Awaited<ReturnType<typeof loadPlan>>
type PlannedOrganisation = Plan['organisations'][number]

async function loadPlan() {
  return call(api.GET('/api/v1/me/deletion'))
}

/** DeleteAccount explains what deleting the account does, then deletes it after the password. */
export function DeleteAccount() {
  const { load, reload } = useLoad(() => loadPlan(), [])
  return (
    <LoadGate load={load} loadingTitle={title} onRetry={() => void reload()}>
      {(plan) => <Confirm plan={plan} />}
    </LoadGate>
  )
}

function outcomeText(o: PlannedOrganisation) {
  const others = o.otherMembers === 1 ? '1 other person belongs' : `${o.otherMembers} other people belong`
  switch (o.outcome) {
    case 'close':
      return `You are the only member of ${o.name}, so it will be closed. Nobody will be able to act for it. Its bids, contracts and other records stay with the council.`
    case 'leave':
      return `You will leave ${o.name}. Its other members keep it and everything it has done.`
    case 'hand_over_first':
      return `You are the only owner of ${o.name}, and ${others} to it. Before you can delete your account, make one of them an owner, or remove them.`
  }
}

function Confirm({ plan }: { plan: Plan }) {
  const navigate = useNavigate()
  const form = useForm({ password: '' })
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, { password: 'Enter your password' })
    if (missing.length) return form.fail(missing)
    const ok = await form.submit(async () => {
      await call(api.POST('/api/v1/me/delete', { body: { password: form.values.password } }))
    }, tooManyTries)
    // The confirmation page, outside the pages for people signed in, forgets the session: done
    // here, the guard of this page would send them to sign in before the navigation lands.
    if (ok) navigate(`${SETTINGS_PATH}/deleted`, { replace: true })
  }

  const intro = (
    <>
      <h2 className="govuk-heading-m">What we delete</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>your name, email address and password</li>
        <li>the devices you are signed in on, and two-step verification</li>
        <li>your place in your organisations</li>
      </ul>
      <p className="govuk-body">
        We will send one last email to your address, saying your account was deleted and what happened to your data. After that we
        will not email you again. You can register again later with the same email address.
      </p>
      <h2 className="govuk-heading-m">What the council must keep</h2>
      <p className="govuk-body">
        The law says the council must keep records of how it buys things. So it keeps the bids your organisation submitted, the
        questions it asked, its contracts and the record of what was done in this service. They will say &lsquo;Deleted
        account&rsquo; where they showed your name.
      </p>
      {plan.organisations.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Your organisations</h2>
          {plan.organisations.map((o) => (
            <p className="govuk-body" key={o.id}>
              {outcomeText(o)}
            </p>
          ))}
        </>
      )}
    </>
  )

  if (!plan.canDelete)
    return (
      <SettingsForm title={title} summary={[]} attempt={0} intro={intro}>
        <p className="govuk-body">
          <Link className="govuk-link" to="/members">
            Manage your organisation&rsquo;s members
          </Link>
        </p>
      </SettingsForm>
    )

  return (
    <SettingsForm title={title} summary={form.summary} attempt={form.attempt} onSubmit={onSubmit} intro={intro}>
      <WarningText>You cannot undo this.</WarningText>
      <PasswordInput
        id="password"
        label="Enter your password to confirm"
        autoComplete="current-password"
        error={form.errors.password}
        {...form.bind('password')}
      />
      <Button variant="warning" busy={form.submitting}>
        Delete your account
      </Button>
    </SettingsForm>
  )
}

/** AccountDeleted confirms that the account has been deleted; the person is signed out by then. */
export function AccountDeleted() {
  const { status, signedOut } = useSession()
  // The server ended the session with the account; the app learns it here.
  useEffect(() => {
    if (status === 'signed-in') signedOut()
  }, [status, signedOut])
  return (
    <Page title="Your account has been deleted" focusHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Your account has been deleted" />
          <p className="govuk-body">You have been signed out. We have removed your personal details.</p>
          <p className="govuk-body">We have sent a last email to the address you had, saying what happened to your data.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/">
              Go to the start page
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
