import type { FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { api, call } from '../../../../api/client'
import { Button } from '../../../../components/button/button'
import { PasswordInput } from '../../../../components/password-input/password-input'
import { required, useForm } from '../../../../forms/use-form'
import { ServiceProblem } from '../../../errors/service-problem/service-problem'
import { passwordError, passwordHint } from '../../../register/password/password'
import { tooManyTries } from '../../../two-step/two-step-state'
import { SettingsForm } from '../settings-form'
import { SETTINGS_PATH, type SettingsNotice } from '../settings-state'

/** ChangePassword sets a new password after the current one; other devices are signed out. */
export function ChangePassword() {
  const navigate = useNavigate()
  const form = useForm({ currentPassword: '', newPassword: '' })
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, { currentPassword: 'Enter your current password', newPassword: 'Enter a new password' })
    const weak = form.values.newPassword && passwordError(form.values.newPassword)
    if (weak) missing.push({ field: 'newPassword', text: weak })
    if (missing.length) return form.fail(missing)
    const ok = await form.submit(async () => {
      await call(api.POST('/api/v1/me/password', { body: form.values }))
    }, tooManyTries)
    if (ok)
      navigate(SETTINGS_PATH, {
        state: { notice: 'Your password has been changed. You have been signed out on every other device.' } satisfies SettingsNotice,
      })
  }

  return (
    <SettingsForm
      title="Change your password"
      summary={form.summary}
      attempt={form.attempt}
      onSubmit={onSubmit}
      intro={<p className="govuk-body">Changing your password signs you out on every other device. You stay signed in here.</p>}
    >
      <PasswordInput
        id="currentPassword"
        label="Current password"
        autoComplete="current-password"
        error={form.errors.currentPassword}
        {...form.bind('currentPassword')}
      />
      <PasswordInput
        id="newPassword"
        label="New password"
        hint={passwordHint}
        autoComplete="new-password"
        error={form.errors.newPassword}
        {...form.bind('newPassword')}
      />
      <Button busy={form.submitting}>Change password</Button>
    </SettingsForm>
  )
}
