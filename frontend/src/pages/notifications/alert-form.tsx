// The one form behind "Create an alert" and "Change an alert": what to look
// for (words, kinds of work), where, what value, which kinds of opportunity,
// and how often to email.
import { useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import type { Problem } from '../../api/errors'
import { BackLink } from '../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../components/button/button'
import { Checkboxes } from '../../components/checkboxes/checkboxes'
import { CpvPicker, type CpvCode } from '../../components/cpv-picker/cpv-picker'
import { ErrorSummary } from '../../components/error-summary/error-summary'
import { Fieldset } from '../../components/fieldset/fieldset'
import { Page } from '../../components/page/page'
import { Radios } from '../../components/radios/radios'
import { TextInput } from '../../components/text-input/text-input'
import { Textarea } from '../../components/textarea/textarea'
import { problemToErrors, type FieldErrors, type ProblemMessages, type SummaryError } from '../../forms/problem'
import { useForm } from '../../forms/use-form'
import { penceToPoundsInput, poundsToPence } from '../../format/money'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import type { AlertNotice } from './alert-state'
import { frequencyHints } from './labels'
import type { Alert, AlertInput } from './types'
import { frequencyLabels, procedureHints, procedureLabels, workLocalityLabels } from '../../lib/labels'

/** The ids of the form's fields, named as the API names the values, so its field paths link to them. */
export const FIELD = {
  name: 'name',
  keywords: 'keywords',
  cpvCodes: 'cpvCodes',
  localities: 'localities',
  procedures: 'procedures',
  min: 'minValuePence',
  max: 'maxValuePence',
  frequency: 'frequency',
} as const

// Plain-English messages for the server's technical ones, by field id.
const messages: ProblemMessages = {
  fields: {
    [FIELD.name]: 'Enter a name for the alert, up to 100 characters',
    [FIELD.keywords]: 'Enter up to 20 words or phrases, each on its own line',
    [FIELD.cpvCodes]: 'Choose up to 50 kinds of work',
    [FIELD.localities]: 'Choose where the work is done from the list',
    [FIELD.procedures]: 'Choose a kind of opportunity from the list',
    [FIELD.min]: 'Enter the lowest value as an amount of money, like 10,000',
    [FIELD.max]: 'Enter the highest value as an amount of money, like 100,000',
    [FIELD.frequency]: 'Choose how often you want emails',
  },
}

/** A keyword as sent, with the line of the box it came from. */
export interface Keyword {
  text: string
  line: number
}

/**
 * splitKeywords reads the keywords box: one word or phrase a line (commas
 * also separate them, as people type lists that way), blank lines and repeats
 * left out, each with the line it came from.
 */
export function splitKeywords(text: string): Keyword[] {
  const out: Keyword[] = []
  const seen = new Set<string>()
  text.split('\n').forEach((line, i) => {
    for (const part of line.split(',')) {
      const k = part.trim().replace(/\s+/g, ' ')
      if (!k || seen.has(k.toLowerCase())) continue
      seen.add(k.toLowerCase())
      out.push({ text: k, line: i + 1 })
    }
  })
  return out
}

const INDEXED = /^body\.(keywords|cpvCodes|localities|procedures)\[(\d+)\]/

function shorten(s: string, n = 30): string {
  return s.length > n ? `${s.slice(0, n)}…` : s
}

/**
 * alertErrors maps the server's problem to the form: a problem with one
 * keyword (`keywords[1]`) or code (`cpvCodes[0]`) is shown by the box or
 * picker that holds them all, saying which one it is, and every such problem
 * gets its own line in the summary.
 */
export function alertErrors(problem: Problem, keywords: Keyword[], cpv: CpvCode[]): { fields: FieldErrors; summary: SummaryError[] } {
  const fields: FieldErrors = {}
  const summary: SummaryError[] = []
  for (const e of problem.errors ?? []) {
    const m = INDEXED.exec(e.location ?? '')
    const one = problemToErrors({ errors: [{ ...e, location: m ? `body.${m[1]}` : e.location }] }, messages).summary[0]
    if (!one || (!one.field && !e.message)) continue
    let text = one.text
    if (m?.[1] === 'keywords' && keywords[Number(m[2])]) {
      const k = keywords[Number(m[2])]
      text = `${text} (‘${shorten(k.text)}’ on line ${k.line})`
    } else if (m?.[1] === 'cpvCodes' && cpv[Number(m[2])]) {
      const c = cpv[Number(m[2])]
      text = `${text} (${c.description || c.code})`
    }
    if (one.field && !(one.field in fields)) fields[one.field] = text
    summary.push({ text, field: one.field })
  }
  if (summary.length === 0) return problemToErrors(problem, messages)
  return { fields, summary }
}

/** Props for AlertForm. */
export interface AlertFormProps {
  title: string
  /** The alert being changed; none for a new one. */
  alert?: Alert
  submitLabel: string
  /** Sends the alert; it throws as call() does. */
  save: (input: AlertInput) => Promise<Alert>
  /** The banner the list shows after saving. */
  notice: (saved: Alert) => string
}

/** AlertForm asks for everything an alert can match on, and saves it through save. */
export function AlertForm({ title, alert, submitLabel, save, notice }: AlertFormProps) {
  const navigate = useNavigate()
  const form = useForm(
    {
      name: alert?.name ?? '',
      keywords: (alert?.keywords ?? []).join('\n'),
      min: alert?.minValuePence ? penceToPoundsInput(alert.minValuePence) : '',
      max: alert?.maxValuePence ? penceToPoundsInput(alert.maxValuePence) : '',
      frequency: alert?.frequency ?? '',
    },
    messages,
  )
  const [cpv, setCpv] = useState<CpvCode[]>((alert?.cpvCodes ?? []).map((c) => ({ code: c.code, description: c.name || c.code })))
  const [localities, setLocalities] = useState<string[]>(alert?.localities ?? [])
  const [procedures, setProcedures] = useState<string[]>(alert?.procedures ?? [])

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const v = form.values
    const problems: SummaryError[] = []
    if (!v.name.trim()) problems.push({ field: FIELD.name, text: 'Enter a name for the alert' })
    const min = v.min.trim() ? poundsToPence(v.min, 'The lowest value') : { pence: 0 }
    if (min.error) problems.push({ field: FIELD.min, text: min.error })
    const max = v.max.trim() ? poundsToPence(v.max, 'The highest value') : { pence: 0 }
    if (max.error) problems.push({ field: FIELD.max, text: max.error })
    // The server's rule too, checked here so that it is listed with the page's other errors
    // rather than after they are put right.
    else if (!min.error && min.pence && max.pence && max.pence < min.pence)
      problems.push({ field: FIELD.max, text: 'The highest value must be more than the lowest value' })
    if (!v.frequency) problems.push({ field: FIELD.frequency, text: 'Choose how often you want emails' })
    const keywords = splitKeywords(v.keywords)
    // The server's length rule (in bytes, as it counts), here for the same reason.
    for (const k of keywords) {
      if (new TextEncoder().encode(k.text).length > 60)
        problems.push({ field: FIELD.keywords, text: `Keywords must be 60 characters or fewer (‘${shorten(k.text)}’ on line ${k.line})` })
    }
    if (problems.length) return form.fail(problems)

    const input: AlertInput = {
      name: v.name.trim(),
      keywords: keywords.map((k) => k.text),
      cpvCodes: cpv.map((c) => c.code),
      localities,
      procedures,
      minValuePence: min.pence ?? 0,
      maxValuePence: max.pence ?? 0,
      frequency: v.frequency as AlertInput['frequency'],
    }
    let saved: Alert | undefined
    const ok = await form.submit(
      async () => {
        saved = await save(input)
      },
      (err) => alertErrors(err.problem, keywords, cpv),
    )
    if (ok && saved) {
      const state: AlertNotice = { notice: notice(saved), alertId: saved.id }
      navigate('/alerts', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/alerts">Your alerts</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            We tell you about an opportunity when it fits everything you choose here. Leave a question unanswered to match anything.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <TextInput
              id={FIELD.name}
              label="Name of the alert"
              labelSize="m"
              hint="For your own use, such as ‘Cleaning in Islington’. We put it in the emails."
              error={form.errors[FIELD.name]}
              {...form.bind('name')}
            />
            <Textarea
              id={FIELD.keywords}
              label="Words to look for (optional)"
              labelSize="m"
              hint="Put each word or phrase on its own line. An opportunity matches if it uses any of them: ‘clean’ also finds ‘cleaning’."
              error={form.errors[FIELD.keywords]}
              value={form.values.keywords}
              onChange={(e) => form.set('keywords', e.target.value)}
              rows={4}
              spellCheck
            />

            <h2 className="govuk-heading-m">Kinds of work (optional)</h2>
            <p className="govuk-body">
              Councils label each opportunity with{' '}
              <Link className="govuk-link" to="/glossary#cpv-code">
                CPV codes
              </Link>{' '}
              for the kinds of work it needs. An opportunity matches a kind of work you choose, or a more specific kind within it.
            </p>
            <CpvPicker id={FIELD.cpvCodes} chosen={cpv} onChange={setCpv} error={form.errors[FIELD.cpvCodes]} />

            <Checkboxes
              id={FIELD.localities}
              legend="Where is the work done? (optional)"
              legendSize="m"
              hint="Select all that apply. Leave them all unselected to hear about work anywhere."
              error={form.errors[FIELD.localities]}
              items={Object.entries(workLocalityLabels).map(([value, label]) => ({ value, label }))}
              values={localities}
              onChange={setLocalities}
            />
            <Checkboxes
              id={FIELD.procedures}
              legend="Kinds of opportunity (optional)"
              legendSize="m"
              hint="Select all that apply. Leave them all unselected to hear about every kind."
              error={form.errors[FIELD.procedures]}
              items={Object.entries(procedureLabels).map(([value, label]) => ({ value, label, hint: procedureHints[value] }))}
              values={procedures}
              onChange={setProcedures}
            />

            <div className="govuk-form-group">
              <Fieldset legend="Estimated value of the contract (optional)" legendSize="m" describedBy="value-hint">
                <div id="value-hint" className="govuk-hint">
                  In pounds, without VAT. Leave a box empty for no limit.
                </div>
                <TextInput
                  id={FIELD.min}
                  label="Lowest value"
                  error={form.errors[FIELD.min]}
                  prefix="£"
                  inputMode="decimal"
                  spellCheck={false}
                  className="govuk-input--width-10"
                  {...form.bind('min')}
                />
                <TextInput
                  id={FIELD.max}
                  label="Highest value"
                  error={form.errors[FIELD.max]}
                  prefix="£"
                  inputMode="decimal"
                  spellCheck={false}
                  className="govuk-input--width-10"
                  {...form.bind('max')}
                />
              </Fieldset>
            </div>

            <Radios
              id={FIELD.frequency}
              legend="How often do you want emails?"
              legendSize="m"
              hint="Every match also goes in your inbox here."
              error={form.errors[FIELD.frequency]}
              items={Object.entries(frequencyLabels).map(([value, label]) => ({ value, label, hint: frequencyHints[value] }))}
              value={form.values.frequency}
              onChange={(v) => form.set('frequency', v)}
            />

            <ButtonGroup>
              <Button busy={form.submitting}>{submitLabel}</Button>
              <Link className="govuk-link" to="/alerts">
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
