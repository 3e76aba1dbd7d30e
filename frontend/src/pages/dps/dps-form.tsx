// The one form behind "Set up a supplier list" and changing one: what it is,
// the rules it runs under, when it runs, fees (dynamic markets only), its
// categories and its questionnaire, each added one after another.
import { useRef, useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import type { Problem } from '../../api/errors'
import { BackLink } from '../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../components/button/button'
import { Checkboxes } from '../../components/checkboxes/checkboxes'
import { CpvPicker, type CpvCode } from '../../components/cpv-picker/cpv-picker'
import { DateInput, type DateParts } from '../../components/date-input/date-input'
import { ErrorSummary } from '../../components/error-summary/error-summary'
import { Page } from '../../components/page/page'
import { Radios } from '../../components/radios/radios'
import { Select } from '../../components/select/select'
import { TextInput } from '../../components/text-input/text-input'
import { Textarea } from '../../components/textarea/textarea'
import { WarningText } from '../../components/warning-text/warning-text'
import { problemToErrors, type FieldErrors, type SummaryError } from '../../forms/problem'
import { useForm } from '../../forms/use-form'
import { penceToPoundsInput, poundsToPence } from '../../format/money'
import { readDate, splitDate } from '../buying/date-time'
import { ServiceProblem } from '../errors/service-problem/service-problem'
import { groupByRegion, useLocalAuthorities } from '../profile/local-authorities'
import type { Notice } from './dps-state'
import { profileFields, questionKinds, regimes } from './labels'
import type { Dps, DpsInput } from './types'

/** A category as typed: its value in pounds, as a string; key stays with it when others are removed. */
export interface CategoryRow {
  key: string
  id?: string
  name: string
  description: string
  cpv: CpvCode[]
  maxValue: string
  area: string
}

/** A question as typed: the categories it is for, by their rows' keys. */
export interface QuestionRow {
  key: string
  id?: string
  kind: string
  text: string
  hint: string
  categories: string[]
  profileField: string
}

/** The most categories and questions the API takes. */
export const MAX_CATEGORIES = 100
/** The most questions the API takes. */
export const MAX_QUESTIONS = 200

let nextKey = 0
const newKey = () => `row-${++nextKey}`

/** feePercentText writes basis points as the percentage typed: 150 → "1.5". */
export function feePercentText(bp: number): string {
  return bp ? String(bp / 100) : ''
}

/** readFeePercent reads a percentage as typed ("1.5", "2%") as basis points, or says what is wrong. */
export function readFeePercent(text: string): { bp: number } | { error: string } {
  const t = text.trim().replace(/%$/, '').trim()
  if (!t) return { bp: 0 }
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return { error: 'Enter the fee as a percentage, like 1.5, with no more than 2 numbers after the decimal point' }
  const bp = Math.round(Number(t) * 100)
  if (bp > 10_000) return { error: 'The fee must be 100% or less' }
  return { bp }
}

/**
 * fieldOnForm maps a field id from the server's problem (from its location)
 * to the element that shows it: a date's day box, a category's CPV search, the
 * add-a-category button for a problem with the categories as a whole.
 */
export function fieldOnForm(id: string): string {
  if (id === 'startsOn' || id === 'endsOn') return `${id}-day`
  if (id === 'categories') return 'add-category'
  const cpv = /^(categories-\d+-cpvCodes)(-\d+)?$/.exec(id)
  if (cpv) return cpv[1]
  return id
}

/** dpsErrors maps the server's problem to the form's fields, keeping the server's order. */
export function dpsErrors(problem: Problem): { fields: FieldErrors; summary: SummaryError[] } {
  const mapped = problemToErrors(problem, {
    fields: {
      title: 'Enter a title of up to 200 characters',
      description: 'Describe what it buys, in up to 10,000 characters',
      regime: 'Choose the rules it runs under',
      feeBp: 'Enter the fee as a percentage between 0 and 100',
    },
  })
  const fields: FieldErrors = {}
  for (const [k, v] of Object.entries(mapped.fields)) fields[fieldOnForm(k)] ??= v
  return { fields, summary: mapped.summary.map((l) => (l.field ? { ...l, field: fieldOnForm(l.field) } : l)) }
}

/** rowsFromDps turns a saved DPS into the rows the form edits. */
export function rowsFromDps(d: Dps | undefined, cpvNames: Record<string, string> = {}): { categories: CategoryRow[]; questions: QuestionRow[] } {
  if (!d) return { categories: [{ key: newKey(), name: '', description: '', cpv: [], maxValue: '', area: '' }], questions: [] }
  const categories = d.categories.map((c) => ({
    key: newKey(),
    id: c.id,
    name: c.name,
    description: c.description,
    cpv: c.cpvCodes.map((code) => ({ code, description: cpvNames[code] ?? code })),
    maxValue: c.maxContractValuePence ? penceToPoundsInput(c.maxContractValuePence) : '',
    area: c.area,
  }))
  const questions = d.questions.map((q) => ({
    key: newKey(),
    id: q.id,
    kind: q.kind,
    text: q.text,
    hint: q.hint,
    categories: q.categoryIds.map((cid) => categories.find((c) => c.id === cid)?.key).filter((k): k is string => Boolean(k)),
    profileField: q.profileField,
  }))
  return { categories, questions }
}

/** Values of the form's single fields. */
interface Values extends Record<string, string> {
  title: string
  description: string
  regime: string
  fee: string
  feeDescription: string
}

/** buildInput checks what was typed and returns the DPS as the API takes it, or the problems in page order. */
export function buildInput(
  v: Values,
  starts: DateParts,
  ends: DateParts,
  categories: CategoryRow[],
  questions: QuestionRow[],
): { input?: DpsInput; errors: SummaryError[] } {
  const errors: SummaryError[] = []
  if (!v.title.trim()) errors.push({ field: 'title', text: 'Enter a title' })
  if (!v.description.trim()) errors.push({ field: 'description', text: 'Describe what it buys' })
  if (!v.regime) errors.push({ field: 'regime', text: 'Choose the rules it runs under' })
  const s = readDate(starts, 'the start date')
  if ('error' in s) errors.push({ field: 'startsOn-day', text: s.error })
  const e = readDate(ends, 'the end date')
  if ('error' in e) errors.push({ field: 'endsOn-day', text: e.error })
  let feeBp = 0
  if (v.regime === 'pa2023') {
    const fee = readFeePercent(v.fee)
    if ('error' in fee) errors.push({ field: 'feeBp', text: fee.error })
    else feeBp = fee.bp
  }
  if (categories.length === 0) errors.push({ field: 'add-category', text: 'Add at least one category' })
  const cats = categories.map((c, i) => {
    const n = i + 1
    if (!c.name.trim()) errors.push({ field: `categories-${i}-name`, text: `Enter a name for category ${n}` })
    if (c.cpv.length === 0) errors.push({ field: `categories-${i}-cpvCodes`, text: `Choose at least one kind of work for category ${n}` })
    let maxContractValuePence = 0
    if (c.maxValue.trim()) {
      const p = poundsToPence(c.maxValue, `The largest contract in category ${n}`)
      if (p.error !== undefined) errors.push({ field: `categories-${i}-maxContractValuePence`, text: p.error })
      else maxContractValuePence = p.pence
    }
    return {
      ...(c.id ? { id: c.id } : {}),
      name: c.name.trim(),
      description: c.description.trim(),
      cpvCodes: c.cpv.map((x) => x.code),
      maxContractValuePence,
      area: c.area,
    }
  })
  const qs = questions.map((q, i) => {
    const n = i + 1
    if (!q.kind) errors.push({ field: `questions-${i}-kind`, text: `Choose what kind of question question ${n} is` })
    if (!q.text.trim()) errors.push({ field: `questions-${i}-text`, text: `Enter question ${n}` })
    return {
      ...(q.id ? { id: q.id } : {}),
      kind: q.kind as NonNullable<DpsInput['questions']>[number]['kind'],
      text: q.text.trim(),
      hint: q.hint.trim(),
      categories: q.categories.map((k) => categories.findIndex((c) => c.key === k)).filter((p) => p >= 0),
      profileField: q.profileField as NonNullable<DpsInput['questions']>[number]['profileField'],
    }
  })
  if (errors.length || 'error' in s || 'error' in e) return { errors }
  return {
    errors,
    input: {
      title: v.title.trim(),
      description: v.description.trim(),
      regime: v.regime as DpsInput['regime'],
      startsOn: s.iso,
      endsOn: e.iso,
      feeBp,
      feeDescription: v.regime === 'pa2023' ? v.feeDescription.trim() : '',
      categories: cats,
      questions: qs,
    },
  }
}

/** Props for DpsForm. */
export interface DpsFormProps {
  title: string
  /** The DPS being changed; none for a new one. */
  dps?: Dps
  /** Descriptions of the saved CPV codes, by code. */
  cpvNames?: Record<string, string>
  submitLabel: string
  /** Where Back and Cancel go. */
  back: string
  /** Sends the DPS, and says where to go next; it throws as call() does. */
  save: (input: DpsInput) => Promise<{ to: string; state?: Notice }>
}

/** DpsForm asks for everything a DPS needs, and saves it through save. */
export function DpsForm({ title, dps, cpvNames, submitLabel, back, save }: DpsFormProps) {
  const published = Boolean(dps && dps.status !== 'draft')
  const form = useForm<Values>({
    title: dps?.title ?? '',
    description: dps?.description ?? '',
    regime: dps?.regime ?? '',
    fee: feePercentText(dps?.feeBp ?? 0),
    feeDescription: dps?.feeDescription ?? '',
  })
  const [starts, setStarts] = useState<DateParts>(splitDate(dps?.startsOn))
  const [ends, setEnds] = useState<DateParts>(splitDate(dps?.endsOn))
  const initial = useRef(rowsFromDps(dps, cpvNames))
  const [categories, setCategories] = useState<CategoryRow[]>(initial.current.categories)
  const [questions, setQuestions] = useState<QuestionRow[]>(initial.current.questions)
  const las = useLocalAuthorities()
  const navigate = useNavigate()

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const setCategory = (i: number, part: Partial<CategoryRow>) => setCategories((cs) => cs.map((c, j) => (j === i ? { ...c, ...part } : c)))
  const setQuestion = (i: number, part: Partial<QuestionRow>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...part } : q)))
  const removeCategory = (i: number) => {
    const gone = categories[i].key
    setCategories((cs) => cs.filter((_, j) => j !== i))
    setQuestions((qs) => qs.map((q) => ({ ...q, categories: q.categories.filter((k) => k !== gone) })))
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const { input, errors } = buildInput(form.values, starts, ends, categories, questions)
    if (!input) return form.fail(errors)
    let next: { to: string; state?: Notice } | undefined
    const ok = await form.submit(
      async () => {
        next = await save(input)
      },
      (err) => dpsErrors(err.problem),
    )
    if (ok && next) navigate(next.to, { state: next.state })
  }

  const v = form.values
  const areaOptions = [{ value: '', text: 'Anywhere' }, ...groupByRegion(las.list)]
  const catName = (c: CategoryRow, i: number) => c.name.trim() || `Category ${i + 1}`

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {dps && <span className="govuk-caption-l">{dps.reference}</span>}
          <h1 className="govuk-heading-l">{title}</h1>
          {published && dps?.regime === 'pa2023' && (
            <WarningText>
              This dynamic market is published, so under the Procurement Act 2023 its conditions for joining cannot change. You can change
              its title, description and end date.
            </WarningText>
          )}
          {published && dps?.regime === 'pcr2015' && (
            <WarningText>This list is published. You can add categories and change the questions, but you cannot remove a category.</WarningText>
          )}
          <form noValidate onSubmit={onSubmit}>
            <h2 className="govuk-heading-m">About the list</h2>
            <TextInput id="title" label="Title" hint="Such as ‘Home care and support’." error={form.errors.title} {...form.bind('title')} />
            <Textarea
              id="description"
              label="What it buys"
              hint="In plain English, for small businesses and charities: the kinds of work, who it is for and roughly how much the council spends each year."
              error={form.errors.description}
              value={v.description}
              onChange={(e) => form.set('description', e.target.value)}
              rows={6}
              maxLength={10000}
              spellCheck
            />
            {published ? (
              <p className="govuk-body">
                <strong>Rules:</strong> {regimes.find((r) => r.value === v.regime)?.label}
              </p>
            ) : (
              <Radios
                id="regime"
                legend="Which rules does it run under?"
                legendSize="s"
                error={form.errors.regime}
                items={regimes.map((r) => ({ value: r.value, label: r.label, hint: r.hint }))}
                value={v.regime}
                onChange={(value) => form.set('regime', value)}
              />
            )}
            <DateInput
              id="startsOn"
              legend="When does it open for applications?"
              legendSize="s"
              hint="For example, 1 4 2027"
              error={form.errors['startsOn-day']}
              value={starts}
              onChange={(part, value) => setStarts((d) => ({ ...d, [part]: value }))}
            />
            <DateInput
              id="endsOn"
              legend="When does it close?"
              legendSize="s"
              hint="The last day suppliers can apply and contracts can be offered. For example, 31 3 2031"
              error={form.errors['endsOn-day']}
              value={ends}
              onChange={(part, value) => setEnds((d) => ({ ...d, [part]: value }))}
            />
            {v.regime === 'pa2023' && (
              <>
                <h2 className="govuk-heading-m">Fees (optional)</h2>
                <p className="govuk-body">
                  A dynamic market may charge suppliers a fee on the contracts they win. Most councils do not: a fee puts small suppliers off.
                </p>
                <TextInput
                  id="feeBp"
                  label="Fee, as a percentage of each contract’s value"
                  hint="Leave it empty for no fee."
                  error={form.errors.feeBp}
                  suffix="%"
                  inputMode="decimal"
                  spellCheck={false}
                  className="govuk-input--width-5"
                  {...form.bind('fee')}
                />
                <Textarea
                  id="feeDescription"
                  label="What suppliers need to know about the fee (optional)"
                  hint="Such as when it is paid."
                  error={form.errors.feeDescription}
                  value={v.feeDescription}
                  onChange={(e) => form.set('feeDescription', e.target.value)}
                  rows={3}
                  spellCheck
                />
              </>
            )}

            <h2 className="govuk-heading-m">Categories</h2>
            <p className="govuk-body">
              Suppliers join one or more categories, such as by kind of work or by area. Each contract is offered to everyone in its category.
            </p>
            {categories.map((c, i) => (
              <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={c.key}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Category {i + 1}</legend>
                <TextInput
                  id={`categories-${i}-name`}
                  label="Name"
                  hint="Such as ‘Domestic care in the north of the borough’."
                  error={form.errors[`categories-${i}-name`]}
                  value={c.name}
                  onChange={(e) => setCategory(i, { name: e.target.value })}
                />
                <Textarea
                  id={`categories-${i}-description`}
                  label="What it covers (optional)"
                  rows={3}
                  error={form.errors[`categories-${i}-description`]}
                  value={c.description}
                  onChange={(e) => setCategory(i, { description: e.target.value })}
                  spellCheck
                />
                <CpvPicker
                  id={`categories-${i}-cpvCodes`}
                  chosen={c.cpv}
                  onChange={(cpv) => setCategory(i, { cpv })}
                  error={form.errors[`categories-${i}-cpvCodes`]}
                />
                <TextInput
                  id={`categories-${i}-maxContractValuePence`}
                  label="Largest contract value, without VAT (optional)"
                  hint="Leave it empty for no limit."
                  prefix="£"
                  inputMode="decimal"
                  spellCheck={false}
                  className="govuk-input--width-10"
                  error={form.errors[`categories-${i}-maxContractValuePence`]}
                  value={c.maxValue}
                  onChange={(e) => setCategory(i, { maxValue: e.target.value })}
                />
                <Select
                  id={`categories-${i}-area`}
                  label="Area (optional)"
                  hint="Only if the category covers one local authority area."
                  error={form.errors[`categories-${i}-area`]}
                  value={c.area}
                  onChange={(e) => setCategory(i, { area: e.target.value })}
                  options={las.list.length || !c.area ? areaOptions : [...areaOptions, { value: c.area, text: c.area }]}
                />
                {!(published && c.id) && (
                  <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={() => removeCategory(i)}>
                    Remove<span className="govuk-visually-hidden"> category {i + 1}</span>
                  </button>
                )}
              </fieldset>
            ))}
            {categories.length < MAX_CATEGORIES && (
              <div className={`govuk-form-group${form.errors['add-category'] ? ' govuk-form-group--error' : ''}`}>
                {form.errors['add-category'] && (
                  <p id="add-category-error" className="govuk-error-message">
                    <span className="govuk-visually-hidden">Error:</span> {form.errors['add-category']}
                  </p>
                )}
                <button
                  type="button"
                  id="add-category"
                  className="govuk-button govuk-button--secondary"
                  data-module="govuk-button"
                  aria-describedby={form.errors['add-category'] ? 'add-category-error' : undefined}
                  onClick={() => setCategories((cs) => [...cs, { key: newKey(), name: '', description: '', cpv: [], maxValue: '', area: '' }])}
                >
                  {categories.length ? 'Add another category' : 'Add a category'}
                </button>
              </div>
            )}

            <h2 className="govuk-heading-m">Questions for suppliers (optional)</h2>
            <p className="govuk-body">
              Ask only what you need to decide whether a supplier can join. Where the answer is in the supplier’s profile, we fill it in for
              them, so they do not have to tell you twice.
            </p>
            {questions.length === 0 && <p className="govuk-body">You have not added any questions.</p>}
            {questions.map((q, i) => (
              <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={q.key}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Question {i + 1}</legend>
                <Radios
                  id={`questions-${i}-kind`}
                  legend="What kind of question is it?"
                  legendSize="s"
                  small
                  error={form.errors[`questions-${i}-kind`]}
                  items={questionKinds.map((k) => ({ value: k.value, label: k.label, hint: k.hint }))}
                  value={q.kind}
                  onChange={(kind) => setQuestion(i, { kind })}
                />
                <Textarea
                  id={`questions-${i}-text`}
                  label="Question"
                  rows={2}
                  error={form.errors[`questions-${i}-text`]}
                  value={q.text}
                  onChange={(e) => setQuestion(i, { text: e.target.value })}
                  spellCheck
                />
                <Textarea
                  id={`questions-${i}-hint`}
                  label="Help for suppliers answering it (optional)"
                  rows={2}
                  error={form.errors[`questions-${i}-hint`]}
                  value={q.hint}
                  onChange={(e) => setQuestion(i, { hint: e.target.value })}
                  spellCheck
                />
                {categories.length > 1 && (
                  <Checkboxes
                    id={`questions-${i}-categories`}
                    legend="Which categories is it for?"
                    legendSize="s"
                    hint="Leave them all unselected to ask everyone."
                    small
                    error={form.errors[`questions-${i}-categories`]}
                    items={categories.map((c, j) => ({ value: c.key, label: catName(c, j) }))}
                    values={q.categories}
                    onChange={(cats) => setQuestion(i, { categories: cats })}
                  />
                )}
                <Select
                  id={`questions-${i}-profileField`}
                  label="Fill in the answer from the supplier’s profile"
                  error={form.errors[`questions-${i}-profileField`]}
                  value={q.profileField}
                  onChange={(e) => setQuestion(i, { profileField: e.target.value })}
                  options={profileFields}
                />
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  data-module="govuk-button"
                  onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
                >
                  Remove<span className="govuk-visually-hidden"> question {i + 1}</span>
                </button>
              </fieldset>
            ))}
            {questions.length < MAX_QUESTIONS && (
              <div className="govuk-!-margin-bottom-6">
                <button
                  type="button"
                  id="add-question"
                  className="govuk-button govuk-button--secondary"
                  data-module="govuk-button"
                  onClick={() =>
                    setQuestions((qs) => [...qs, { key: newKey(), kind: '', text: '', hint: '', categories: [], profileField: '' }])
                  }
                >
                  {questions.length ? 'Add another question' : 'Add a question'}
                </button>
              </div>
            )}

            <ButtonGroup>
              <Button busy={form.submitting}>{submitLabel}</Button>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
