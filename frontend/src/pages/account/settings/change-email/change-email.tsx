import { useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { api, call } from '../../../../api/client'
import { useSession } from '../../../../app/session'
import { Button } from '../../../../components/button/button'
import { Page } from '../../../../components/page/page'
import { PasswordInput } from '../../../../components/password-input/password-input'
import { TextInput } from '../../../../components/text-input/text-input'
import { required, useForm } from '../../../../forms/use-form'
import { ServiceProblem } from '../../../errors/service-problem/service-problem'
import { validEmail } from '../../../register/email/email'
import { tooManyTries } from '../../../two-step/two-step-state'
import { SettingsForm } from '../settings-form'
import { SETTINGS_PATH } from '../settings-state'

/**
 * ChangeEmail asks for a new email address and the password, then says to
 * follow the link sent to the new address: nothing changes until then.
 */
export function ChangeEmail() {
  const session = useSession()
  const me = session.me
  const unconfirmed = me?.emailVerified === false
  const form = useForm({ email: '', password: '' })
  const [sentTo, setSentTo] = useState<string>()
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (sentTo) return <CheckYourEmail email={sentTo} unconfirmed={unconfirmed} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const email = form.values.email.trim()
    const missing = required(form.values, { email: 'Enter your new email address', password: 'Enter your current password' })
    if (email && !validEmail(email))
      missing.unshift({ field: 'email', text: 'Enter an email address in the correct format, like name@example.com' })
    if (missing.length) return form.fail(missing)
    const ok = await form.submit(async () => {
      await call(api.POST('/api/v1/me/email', { body: { email, password: form.values.password } }))
    }, tooManyTries)
    if (ok) {
      setSentTo(email.toLowerCase())
      // An unconfirmed address changes at once: the account page must show the new one.
      if (unconfirmed) void session.reload()
    }
  }

  return (
    <SettingsForm
      title="Change your email address"
      summary={form.summary}
      attempt={form.attempt}
      onSubmit={onSubmit}
      back={unconfirmed ? { to: '/account', text: 'Back to your account' } : undefined}
      intro={
        unconfirmed ? (
          <>
            <p className="govuk-body">
              You registered with <strong className="app-break-words">{me?.email}</strong>, and have not confirmed it yet.
            </p>
            <p className="govuk-body">
              If it is wrong, enter the right address. We will change it straight away and send the link to confirm it there. The link
              we sent before will stop working.
            </p>
          </>
        ) : (
          <>
            <p className="govuk-body">
              Your email address is <strong className="app-break-words">{me?.email}</strong>.
            </p>
            <p className="govuk-body">
              We will send a link to your new address. Your email address changes when you follow it. We will also tell your current
              address.
            </p>
          </>
        )
      }
    >
      <TextInput
        id="email"
        label="New email address"
        type="email"
        autoComplete="email"
        spellCheck={false}
        error={form.errors.email}
        {...form.bind('email')}
      />
      <PasswordInput
        id="password"
        label="Your current password"
        hint="So we know it is you."
        autoComplete="current-password"
        error={form.errors.password}
        {...form.bind('password')}
      />
      <Button busy={form.submitting}>Send the link</Button>
    </SettingsForm>
  )
}

/**
 * CheckYourEmail says where the link went. Before the address is confirmed it
 * has already changed (unconfirmed), and the way back is the account page,
 * since the settings need a confirmed address.
 */
function CheckYourEmail({ email, unconfirmed }: { email: string; unconfirmed: boolean }) {
  const title = unconfirmed ? 'Confirm your new email address' : 'Check your email'
  const back = unconfirmed ? { to: '/account', text: 'Back to your account' } : { to: SETTINGS_PATH, text: 'Back to account settings' }
  return (
    <Page title={title} focusHeading>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          {unconfirmed ? (
            <>
              <p className="govuk-body">
                Your email address is now <strong className="app-break-words">{email}</strong>. We have sent a link to it.
              </p>
              <p className="govuk-body">Follow the link within 24 hours to confirm your email address. You can stay signed in while you do.</p>
            </>
          ) : (
            <>
              <p className="govuk-body">
                We have sent an email to <strong className="app-break-words">{email}</strong>.
              </p>
              <p className="govuk-body">
                Follow the link in it within 24 hours to start using that address. Until then, sign in with your current email address.
              </p>
            </>
          )}
          <p className="govuk-body">If the email does not arrive, check your spam folder, or check you typed the address correctly.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={back.to}>
              {back.text}
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
