import { useState, type FormEvent } from 'react'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { TextInput } from '../../../components/text-input/text-input'
import { WarningText } from '../../../components/warning-text/warning-text'
import { required, useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'

/** Reset is where an administrator removes someone's two-step verification when they have lost their phone. */
export function Reset() {
  const form = useForm({ email: '' })
  const [done, setDone] = useState<string | undefined>()
  const title = 'Reset someone’s two-step verification'

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setDone(undefined)
    const missing = required(form.values, { email: 'Enter the email address of the person' })
    if (missing.length) return form.fail(missing)
    let message = ''
    const ok = await form.submit(async () => {
      message = (await call(api.POST('/api/v1/admin/two-step-resets', { body: { email: form.values.email.trim() } }))).message
    })
    if (ok) {
      setDone(message)
      form.set('email', '')
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/admin/two-step-verification" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {done && <NotificationBanner type="success" heading={done} />}
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Do this when someone has lost their phone and their recovery codes. They are signed out everywhere. If their role must use
            two-step verification, they set it up again when they next sign in.
          </p>
          <WarningText>
            Check who is asking first, for example by calling them on a phone number the council already has for them.
          </WarningText>
          <form noValidate onSubmit={onSubmit}>
            <TextInput
              id="email"
              label="Email address of the person"
              error={form.errors.email}
              type="email"
              autoComplete="off"
              spellCheck={false}
              {...form.bind('email')}
            />
            <Button busy={form.submitting} variant="warning">
              Reset two-step verification
            </Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
