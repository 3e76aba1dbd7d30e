import { useEffect, useRef, useState, type FormEvent } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { api, call, type TwoStepSetup } from '../../../api/client'
import { useSession } from '../../../app/session'
import { Button } from '../../../components/button/button'
import { Details } from '../../../components/details/details'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { useForm } from '../../../forms/use-form'
import { LoadingPage } from '../../../lib/load-gate'
import { loadFailure, type Load } from '../../../lib/use-load'
import type { SignInState } from '../../account/sign-in/sign-in'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { CodeInput } from '../code-input'
import { codeError, halfSignInProblem, nextOf, normaliseCode, TWO_STEP_PATH, type RecoveryCodesState } from '../two-step-state'

const title = 'Set up two-step verification'

/**
 * SetUp adds the person's account to an authenticator app: a QR code, the key to
 * type when scanning is not possible, and a current code to prove it worked.
 * atSignIn is for someone whose role must use it, straight after their password
 * and before they have a session; otherwise it is for someone signed in.
 */
function SetUp({ atSignIn }: { atSignIn: boolean }) {
  const session = useSession()
  const navigate = useNavigate()
  const state = (useLocation().state ?? {}) as SignInState
  // Not useLoad: this is a POST that must run once per visit (see below).
  const [load, setLoad] = useState<Load<TwoStepSetup>>({ kind: 'loading' })
  const form = useForm({ code: '' })
  const started = useRef(false)

  const start = async () => {
    setLoad({ kind: 'loading' })
    try {
      const setup = await call(api.POST(atSignIn ? '/api/v1/auth/two-step/setup' : '/api/v1/me/two-step/setup'))
      setLoad({ kind: 'ready', data: setup })
    } catch (err) {
      // Every refusal is said on the page, with a link back; a 401 at sign-in starts it again.
      setLoad(loadFailure(err, []))
    }
  }

  useEffect(() => {
    // Each start makes a new secret and forgets the last, so it must run once
    // per visit, also under React's development double effects.
    if (started.current) return
    started.current = true
    void start()
  }, [])

  useEffect(() => {
    if (load.kind === 'refused' && load.status === 401 && atSignIn) {
      const back: SignInState = { next: state.next, warning: 'Your sign-in timed out. Sign in again.' }
      navigate('/sign-in', { state: back, replace: true })
    }
  }, [load, atSignIn, navigate, state.next])

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />
  if (load.kind === 'down' || load.kind === 'missing') return <ServiceProblem onRetry={() => void start()} />
  if (load.kind === 'loading' || (load.kind === 'refused' && load.status === 401))
    return <LoadingPage title={title} message="Getting your QR code." />
  if (load.kind === 'refused')
    return (
      <Page title={title}>
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">{load.detail}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={TWO_STEP_PATH}>
            Go to two-step verification
          </Link>
        </p>
      </Page>
    )

  const { data: setup } = load
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const code = normaliseCode(form.values.code)
    const error = codeError(code)
    if (error) return form.fail([{ field: 'code', text: error }])
    let codes: string[] = []
    const ok = await form.submit(async () => {
      if (atSignIn) {
        const answer = await call(api.POST('/api/v1/auth/two-step/setup/confirm', { body: { code } }))
        session.signedIn(answer.user)
        codes = answer.recoveryCodes
      } else {
        codes = (await call(api.POST('/api/v1/me/two-step/setup/confirm', { body: { code } }))).recoveryCodes
      }
    }, halfSignInProblem(navigate, state))
    if (ok) {
      const next = atSignIn ? nextOf(state) : TWO_STEP_PATH
      navigate('/account/two-step-verification/recovery-codes', { replace: true, state: { codes, next } satisfies RecoveryCodesState })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          {atSignIn && (
            <p className="govuk-body">Your role must use two-step verification. Set it up now to finish signing in.</p>
          )}
          <p className="govuk-body">
            Each time you sign in, you will enter your password and then a code from an authenticator app on your phone. This keeps your
            account safe even if someone learns your password.
          </p>
          <h2 className="govuk-heading-m">1. Get an authenticator app</h2>
          <p className="govuk-body">
            Use any authenticator app, for example Microsoft Authenticator or Google Authenticator. You can get one free from your
            phone’s app store.
          </p>
          <h2 className="govuk-heading-m">2. Scan the QR code</h2>
          <p className="govuk-body">In the app, choose to add an account, then point your phone’s camera at this QR code.</p>
          <img className="app-qr-code" src={setup.qrCode} width={240} height={240} alt="QR code to scan with your authenticator app" />
          <Details summary="I cannot scan the QR code">
            <p className="govuk-body">In the app, choose to enter a setup key, then type in:</p>
            <SummaryList
              rows={[
                { key: 'Account', value: <span className="app-break-words">{setup.accountName}</span> },
                {
                  key: 'Key',
                  value: (
                    <code id="setup-key" className="app-setup-key">
                      {setup.secretGroups.join(' ')}
                    </code>
                  ),
                },
                { key: 'Type of key', value: 'Time-based' },
              ]}
            />
          </Details>
          <h2 className="govuk-heading-m">3. Enter the code from the app</h2>
          <form noValidate onSubmit={onSubmit}>
            <CodeInput
              label="Enter the 6-digit code from your authenticator app"
              hint="The app shows a new code every 30 seconds."
              error={form.errors.code}
              {...form.bind('code')}
            />
            <Button busy={form.submitting}>{atSignIn ? 'Continue' : 'Turn on two-step verification'}</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}

/** SetUpAtSignIn is set-up for someone whose role must use two-step verification, before they have a session. */
export function SetUpAtSignIn() {
  return <SetUp atSignIn />
}

/** SetUpTwoStep is set-up for someone signed in who chooses to use two-step verification. */
export function SetUpTwoStep() {
  return <SetUp atSignIn={false} />
}
