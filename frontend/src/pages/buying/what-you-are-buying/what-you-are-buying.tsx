import { useState } from 'react'
import { Link } from 'react-router'
import { CpvPicker, type CpvCode } from '../../../components/cpv-picker/cpv-picker'
import { Select } from '../../../components/select/select'
import { Textarea } from '../../../components/textarea/textarea'
import { TextInput } from '../../../components/text-input/text-input'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { penceToPoundsInput, poundsToPence } from '../../../format/money'
import { inputFromView, type OpportunityInput } from '../draft'
import { TaskPage, useTask } from '../task-page'

const title = 'What you are buying'

/** A lot as typed: its value in pounds, as a string. */
export interface LotRow {
  title: string
  description: string
  value: string
  cpvCode: string
}

/** The most lots the API takes. */
export const MAX_LOTS = 50

/**
 * checkLots checks the lots as typed, and returns them as the API takes them,
 * or the summary lines in the order of the fields on the page.
 */
export function checkLots(rows: LotRow[]): { lots: NonNullable<OpportunityInput['lots']>; errors: SummaryError[] } {
  const errors: SummaryError[] = []
  const lots = rows.map((r, i) => {
    const n = i + 1
    if (!r.title.trim()) errors.push({ field: `lots-${i}-title`, text: `Enter a title for lot ${n}` })
    let valuePence = 0
    if (r.value.trim()) {
      const parsed = poundsToPence(r.value, `The value of lot ${n}`)
      if (parsed.error !== undefined) errors.push({ field: `lots-${i}-valuePence`, text: parsed.error })
      else valuePence = parsed.pence
    }
    if (!r.cpvCode) errors.push({ field: `lots-${i}-cpvCode`, text: `Choose the kind of work for lot ${n}` })
    return { title: r.title.trim(), description: r.description.trim(), valuePence, cpvCode: r.cpvCode }
  })
  return { lots, errors }
}

/**
 * WhatYouAreBuying asks for the kinds of work (CPV codes), which decide who is
 * told about the opportunity, and for any lots, each with its own kind of work
 * from those chosen.
 */
export function WhatYouAreBuying() {
  const { view, initialErrors } = useTask('what')
  const form = useForm({}, {}, initialErrors)
  const [chosen, setChosen] = useState<CpvCode[]>(view.cpvCodes)
  const [rows, setRows] = useState<LotRow[]>(() =>
    view.lots.map((l) => ({ title: l.title, description: l.description, value: l.valuePence ? penceToPoundsInput(l.valuePence) : '', cpvCode: l.cpvCode })),
  )
  // A lot's kind of work is one of those chosen; one chosen earlier and since
  // removed stays on offer so that it is not lost without the buyer seeing.
  const lotOptions = (current: string) => {
    const known = [...chosen]
    const old = view.lots.find((l) => l.cpvCode === current)
    if (current && !known.some((c) => c.code === current)) known.push({ code: current, description: old?.cpvDescription ?? current })
    return [{ value: '', text: 'Choose a kind of work' }, ...known.map((c) => ({ value: c.code, text: `${c.description} (${c.code})` }))]
  }
  const setRow = (i: number, part: keyof LotRow, value: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [part]: value } : r)))

  const build = (): SummaryError[] | OpportunityInput => {
    const errors: SummaryError[] = []
    if (chosen.length === 0) errors.push({ field: 'cpvCodes', text: 'Choose at least one kind of work. Search for it, then select Add' })
    const lots = checkLots(rows)
    errors.push(...lots.errors)
    if (errors.length) return errors
    return { ...inputFromView(view), cpvCodes: chosen.map((c) => c.code), lots: lots.lots }
  }

  return (
    <TaskPage
      task="what"
      title={title}
      form={form}
      build={build}
      intro={
        <p className="govuk-body">
          Suppliers hear about opportunities through the kinds of work they have chosen. Councils describe each kind of work with a{' '}
          <Link className="govuk-link" to="/glossary#cpv-code">
            CPV code
          </Link>
          . Choose the most specific ones that fit: suppliers who chose a broader one, like ‘Cleaning services’, hear about everything
          under it.
        </p>
      }
    >
      <CpvPicker id="cpvCodes" chosen={chosen} onChange={setChosen} error={form.errors.cpvCodes} />

      <h2 className="govuk-heading-m">Lots (optional)</h2>
      <p className="govuk-body">
        Splitting the work into lots, such as by area or by kind of service, lets small suppliers and VCSEs bid for the part they can do.
      </p>
      {rows.length === 0 && <p className="govuk-body">The work is not split into lots.</p>}
      {rows.map((r, i) => (
        <fieldset className="govuk-fieldset" key={i}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Lot {i + 1}</legend>
          <TextInput id={`lots-${i}-title`} label="Title of the lot" error={form.errors[`lots-${i}-title`]} value={r.title} onChange={(e) => setRow(i, 'title', e.target.value)} />
          <Textarea
            id={`lots-${i}-description`}
            label="What the lot covers (optional)"
            rows={3}
            error={form.errors[`lots-${i}-description`]}
            value={r.description}
            onChange={(e) => setRow(i, 'description', e.target.value)}
          />
          <TextInput
            id={`lots-${i}-valuePence`}
            label="Estimated value of the lot, without VAT (optional)"
            prefix="£"
            inputMode="decimal"
            className="govuk-input--width-10"
            spellCheck={false}
            error={form.errors[`lots-${i}-valuePence`]}
            value={r.value}
            onChange={(e) => setRow(i, 'value', e.target.value)}
          />
          <Select
            id={`lots-${i}-cpvCode`}
            label="Kind of work"
            hint="One of the kinds of work you chose above."
            error={form.errors[`lots-${i}-cpvCode`]}
            value={r.cpvCode}
            onChange={(e) => setRow(i, 'cpvCode', e.target.value)}
            options={lotOptions(r.cpvCode)}
          />
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
          >
            Remove<span className="govuk-visually-hidden"> lot {i + 1}</span>
          </button>
        </fieldset>
      ))}
      {rows.length < MAX_LOTS && (
        <div className="govuk-!-margin-bottom-6">
          <button
            type="button"
            id="add-lot"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            onClick={() => setRows((rs) => [...rs, { title: '', description: '', value: '', cpvCode: chosen.length === 1 ? chosen[0].code : '' }])}
          >
            {rows.length ? 'Add another lot' : 'Add a lot'}
          </button>
        </div>
      )}
    </TaskPage>
  )
}
