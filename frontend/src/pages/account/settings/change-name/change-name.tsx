import type { FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { api, call } from '../../../../api/client'
import { useSession } from '../../../../app/session'
import { Button } from '../../../../components/button/button'
import { TextInput } from '../../../../components/text-input/text-input'
import { required, useForm } from '../../../../forms/use-form'
import { ServiceProblem } from '../../../errors/service-problem/service-problem'
import { LoadingPage } from '../../../../lib/load-gate'
import { SettingsForm } from '../settings-form'
import { SETTINGS_PATH, type SettingsNotice } from '../settings-state'

const title = 'Change your name'

/** ChangeName changes the signed-in person's name. */
export function ChangeName() {
  const me = useSession().me
  // The form starts from the name as it is, so it waits for the session.
  if (!me) return <LoadingPage title={title} />
  return <NameForm name={me.name} />
}

function NameForm({ name }: { name: string }) {
  const session = useSession()
  const navigate = useNavigate()
  const form = useForm({ name })
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, { name: 'Enter your full name' })
    if (missing.length) return form.fail(missing)
    const ok = await form.submit(async () => {
      session.signedIn(await call(api.PUT('/api/v1/me/name', { body: { name: form.values.name } })))
    })
    if (ok) navigate(SETTINGS_PATH, { state: { notice: 'Your name has been changed' } satisfies SettingsNotice })
  }

  return (
    <SettingsForm title={title} summary={form.summary} attempt={form.attempt} onSubmit={onSubmit}>
      <TextInput
        id="name"
        label="Full name"
        hint="Council officers see this name on what you send them."
        error={form.errors.name}
        autoComplete="name"
        spellCheck={false}
        {...form.bind('name')}
      />
      <Button busy={form.submitting}>Save name</Button>
    </SettingsForm>
  )
}
