import { useState, type FormEvent } from 'react'
import { useNavigate, useParams } from 'react-router'
import type { ApiProblemError } from '../../../api/errors'
import { BackLink } from '../../../components/back-link/back-link'
import { Button, ButtonGroup } from '../../../components/button/button'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { NotificationBanner } from '../../../components/notification-banner/notification-banner'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { Select } from '../../../components/select/select'
import { TextInput } from '../../../components/text-input/text-input'
import { Textarea } from '../../../components/textarea/textarea'
import { parseCount } from '../../../format/money'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { bidDocumentTypeLabels, bidQuestionKindLabels, codes, priceModeLabels } from '../../../lib/labels'
import { LoadGate } from '../../../lib/load-gate'
import { useLoad } from '../../../lib/use-load'
import { useOpportunity } from '../../buying/opportunity-state'
import { parsePercent, percentInput } from '../../buying/rules'
import { PageNotFound } from '../../errors/page-not-found/page-not-found'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { fetchFormForEditing, saveForm, type VersionedForm } from '../api'
import type { BidDocumentType, BidFormQuestion, BidQuestionKind, PriceMode, ScheduleLine } from '../api-types'
import { YES_NO } from '../form-questions'
import { FORM_CONFLICT, formPath, type FormNotice } from '../form-editor/form-editor'

/**
 * QuestionEditor adds a question to a draft's response form, or changes one:
 * its kind and what that kind needs (the required answer, a word limit, file
 * types, how it is priced and the schedule's lines), and for a scored
 * question the criterion it serves and its share of that criterion's weight.
 */
export function QuestionEditor() {
  const { id = '', questionId = '' } = useParams()
  const { load, reload } = useLoad((signal) => fetchFormForEditing(id, signal), [id])
  const [generation, setGeneration] = useState(0)
  return (
    <LoadGate load={load} loadingMessage="Loading the response form." onRetry={() => void reload()}>
      {(v) => {
        const q = questionId === 'new' ? undefined : v.form.questions.find((x) => x.id === questionId)
        if (questionId !== 'new' && !q) return <PageNotFound />
        return (
          <Editor
            key={`${v.form.version}:${generation}`}
            id={id}
            v={v}
            q={q}
            conflicted={generation > 0}
            onConflict={async () => {
              await reload()
              setGeneration((g) => g + 1)
            }}
          />
        )
      }}
    </LoadGate>
  )
}

/** MAX_WORD_LIMIT is the largest word limit the server takes for a written answer (bids.maxWordLimit). */
const MAX_WORD_LIMIT = 10_000

/** A schedule line as typed: its quantity as the text in the field, read when saving. */
type EditLine = Omit<ScheduleLine, 'quantity'> & { quantity: string }

const blankLine = (): EditLine => ({ id: '', description: '', quantity: '', unit: '' })

function Editor(props: { id: string; v: VersionedForm; q?: BidFormQuestion; conflicted: boolean; onConflict: () => Promise<void> }) {
  const { id, v, q } = props
  const { view } = useOpportunity()
  const navigate = useNavigate()
  const form = useForm({
    kind: q?.kind ?? '',
    title: q?.title ?? '',
    guidance: q?.guidance ?? '',
    required: q ? (q.required ? 'yes' : 'no') : 'yes',
    requiredAnswer: q?.requiredAnswer ?? 'yes',
    wordLimit: q?.wordLimit ? String(q.wordLimit) : '',
    maxFiles: q?.maxFiles ? String(q.maxFiles) : '1',
    priceMode: q?.priceMode ?? 'per_lot',
    criterion: q?.criterion ?? '',
    weightShare: q?.weightShareBp ? percentInput(q.weightShareBp) : '',
  })
  const [types, setTypes] = useState<string[]>(q?.documentTypes ?? ['pdf', 'docx'])
  const [lines, setLines] = useState<EditLine[]>(
    q?.scheduleLines?.length ? q.scheduleLines.map((l) => ({ ...l, quantity: String(l.quantity) })) : [blankLine()],
  )
  const [conflict, setConflict] = useState(props.conflicted)
  const val = form.values
  const title = q ? `Change question ${q.number}` : 'Add a question'
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const build = (): { question?: BidFormQuestion; errors: SummaryError[] } => {
    const errors: SummaryError[] = []
    if (!val.kind) errors.push({ field: 'kind', text: 'Select what suppliers give' })
    if (!val.title.trim()) errors.push({ field: 'title', text: 'Enter the question' })
    const kind = val.kind as BidQuestionKind
    const question: BidFormQuestion = {
      id: q?.id ?? '',
      number: q?.number ?? v.form.questions.length + 1,
      kind,
      title: val.title.trim(),
      guidance: val.guidance.trim(),
      required: val.required === 'yes',
      // The server decides the envelope; this is what it will say, for the page until it answers.
      envelope: kind === 'price' ? 'price' : 'quality',
    }
    if (kind === 'pass_fail') question.requiredAnswer = val.requiredAnswer as 'yes' | 'no'
    if (kind === 'text' || kind === 'social_value') {
      // The server asks every written answer for a limit from 1 to MAX_WORD_LIMIT: say so here, by the field.
      const n = parseCount(val.wordLimit, 'The word limit', MAX_WORD_LIMIT)
      if (n.error !== undefined || n.value < 1) errors.push({ field: 'wordLimit', text: n.error ?? 'The word limit must be 1 or more' })
      else question.wordLimit = n.value
    }
    if (kind === 'document') {
      if (types.length === 0) errors.push({ field: 'documentTypes', text: 'Select at least one type of file' })
      question.documentTypes = types as BidDocumentType[]
      const n = parseCount(val.maxFiles, 'The number of files', 20)
      if (n.error !== undefined || n.value < 1) errors.push({ field: 'maxFiles', text: n.error ?? 'The number of files must be 1 or more' })
      else question.maxFiles = n.value
    }
    if (kind === 'price') {
      question.priceMode = val.priceMode as PriceMode
      if (question.priceMode === 'schedule') {
        question.scheduleLines = lines.map((l, i) => {
          const quantity = Number(l.quantity.trim().replace(/,/g, ''))
          if (!l.description.trim()) errors.push({ field: `line-${i}-description`, text: `Enter what line ${i + 1} is` })
          if (!l.quantity.trim() || !(quantity > 0))
            errors.push({ field: `line-${i}-quantity`, text: `Enter the quantity of line ${i + 1} as a number more than 0, like 12 or 2.5` })
          if (!l.unit.trim()) errors.push({ field: `line-${i}-unit`, text: `Enter the unit of line ${i + 1}, like hours or visits` })
          return { id: l.id, description: l.description.trim(), quantity, unit: l.unit.trim() }
        })
      }
    }
    if (kind !== 'pass_fail' && val.criterion) {
      question.criterion = val.criterion
      const p = parsePercent(val.weightShare, 'Its share of the criterion’s weight')
      if (p.error !== undefined) errors.push({ field: 'weightShare', text: p.error })
      else question.weightShareBp = p.bp
    }
    return { question, errors }
  }

  const onProblem = (err: ApiProblemError) => {
    if (err.status === 412) {
      setConflict(true)
      void props.onConflict()
      return { summary: [{ text: 'Your change was not saved: someone else changed the form first.' }] }
    }
    return undefined
  }

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const { question, errors } = build()
    if (errors.length || !question) return form.fail(errors)
    const questions = q ? v.form.questions.map((x) => (x.id === q.id ? question : x)) : [...v.form.questions, question]
    const ok = await form.submit(async () => {
      await saveForm(id, v.etag, { twoStage: v.form.twoStage, questions })
    }, onProblem)
    if (ok) {
      const state: FormNotice = { notice: q ? `Question ${q.number} changed.` : 'Question added.' }
      navigate(formPath(id), { state })
    }
  }

  const setLine = (i: number, change: Partial<EditLine>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...change } : l)))
  const criteria = view.criteria
  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to={formPath(id)}>Back to the response form</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          {conflict && (
            <NotificationBanner heading="Someone else changed this response form">
              <p className="govuk-body">{FORM_CONFLICT}</p>
            </NotificationBanner>
          )}
          <span className="govuk-caption-l">{view.title}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <form noValidate onSubmit={onSubmit}>
            <TextInput id="title" label="Question" labelSize="s" error={form.errors.title} {...form.bind('title')} />
            <Textarea
              id="guidance"
              label="Guidance (optional)"
              labelSize="s"
              hint="What a good answer covers, in plain English."
              error={form.errors.guidance}
              rows={4}
              value={val.guidance}
              onChange={(e) => form.set('guidance', e.target.value)}
            />
            <Radios
              id="kind"
              legend="What do suppliers give?"
              legendSize="s"
              error={form.errors.kind}
              value={val.kind}
              onChange={(x) => form.set('kind', x)}
              items={codes(bidQuestionKindLabels).map((k) => ({
                value: k,
                label: bidQuestionKindLabels[k],
                reveal:
                  k === 'pass_fail' ? (
                    <Radios
                      id="requiredAnswer"
                      legend="Which answer passes?"
                      legendSize="s"
                      inline
                      items={YES_NO}
                      value={val.requiredAnswer}
                      onChange={(x) => form.set('requiredAnswer', x)}
                    />
                  ) : k === 'text' || k === 'social_value' ? (
                    k === val.kind ? (
                      <TextInput
                        id="wordLimit"
                        label="Word limit"
                        labelSize="s"
                        inputMode="numeric"
                        className="govuk-input--width-5"
                        suffix="words"
                        error={form.errors.wordLimit}
                        {...form.bind('wordLimit')}
                      />
                    ) : undefined
                  ) : k === 'document' ? (
                    <>
                      <Checkboxes
                        id="documentTypes"
                        legend="Which types of file?"
                        legendSize="s"
                        small
                        error={form.errors.documentTypes}
                        items={codes(bidDocumentTypeLabels).map((t) => ({ value: t, label: bidDocumentTypeLabels[t] }))}
                        values={types}
                        onChange={setTypes}
                      />
                      <TextInput
                        id="maxFiles"
                        label="How many files at most?"
                        labelSize="s"
                        inputMode="numeric"
                        className="govuk-input--width-3"
                        error={form.errors.maxFiles}
                        {...form.bind('maxFiles')}
                      />
                    </>
                  ) : k === 'price' ? (
                    <Radios
                      id="priceMode"
                      legend="How do suppliers price it?"
                      legendSize="s"
                      items={codes(priceModeLabels).map((m) => ({ value: m, label: priceModeLabels[m] }))}
                      value={val.priceMode}
                      onChange={(x) => form.set('priceMode', x)}
                    />
                  ) : undefined,
              }))}
            />
            {val.kind === 'price' && val.priceMode === 'schedule' && (
              <fieldset className="govuk-fieldset govuk-!-margin-bottom-6">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Lines of the pricing schedule</legend>
                {lines.map((l, i) => (
                  <div key={i} className="govuk-!-margin-bottom-4">
                    <h3 className="govuk-heading-s">Line {i + 1}</h3>
                    <TextInput
                      id={`line-${i}-description`}
                      label="What it is"
                      error={form.errors[`line-${i}-description`]}
                      value={l.description}
                      onChange={(e) => setLine(i, { description: e.target.value })}
                    />
                    <TextInput
                      id={`line-${i}-quantity`}
                      label="Quantity"
                      inputMode="decimal"
                      className="govuk-input--width-5"
                      error={form.errors[`line-${i}-quantity`]}
                      value={l.quantity}
                      onChange={(e) => setLine(i, { quantity: e.target.value })}
                    />
                    <TextInput
                      id={`line-${i}-unit`}
                      label="Unit"
                      hint="For example, hours, visits or square metres."
                      className="govuk-input--width-10"
                      error={form.errors[`line-${i}-unit`]}
                      value={l.unit}
                      onChange={(e) => setLine(i, { unit: e.target.value })}
                    />
                    {lines.length > 1 && (
                      <Button type="button" variant="secondary" onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>
                        Remove line {i + 1}
                      </Button>
                    )}
                  </div>
                ))}
                <Button type="button" variant="secondary" onClick={() => setLines((ls) => [...ls, blankLine()])}>
                  Add another line
                </Button>
              </fieldset>
            )}
            <Radios
              id="required"
              legend="Must suppliers answer it?"
              legendSize="s"
              inline
              items={YES_NO}
              value={val.required}
              onChange={(x) => form.set('required', x)}
            />
            {val.kind && val.kind !== 'pass_fail' && (
              <>
                <Select
                  id="criterion"
                  label="Which criterion does it score under?"
                  labelSize="s"
                  hint="From ‘How bids will be judged’. Leave it unscored if it only informs the panel."
                  error={form.errors.criterion}
                  value={val.criterion}
                  onChange={(e) => form.set('criterion', e.target.value)}
                  options={[{ value: '', text: 'Not scored' }, ...criteria.map((c) => ({ value: c.name, text: `${c.name} (${c.weightText})` }))]}
                />
                {val.criterion && (
                  <TextInput
                    id="weightShare"
                    label="Its share of that criterion’s weight"
                    labelSize="s"
                    hint="The shares of the questions under one criterion add up to 100%."
                    inputMode="decimal"
                    className="govuk-input--width-4"
                    suffix="%"
                    error={form.errors.weightShare}
                    {...form.bind('weightShare')}
                  />
                )}
              </>
            )}
            <ButtonGroup>
              <Button busy={form.submitting}>Save question</Button>
            </ButtonGroup>
          </form>
        </div>
      </div>
    </Page>
  )
}
