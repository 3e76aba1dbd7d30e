import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { CpvPicker } from '../../../components/cpv-picker/cpv-picker'
import { describedBy, ErrorMessage } from '../../../components/error-message/error-message'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { FeedLink } from '../../../components/feed-link/feed-link'
import { Hint } from '../../../components/hint/hint'
import { Page } from '../../../components/page/page'
import { Pagination } from '../../../components/pagination/pagination'
import { Radios } from '../../../components/radios/radios'
import { Select } from '../../../components/select/select'
import { Tag } from '../../../components/tag/tag'
import type { FieldErrors, SummaryError } from '../../../forms/problem'
import { useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { formatDateTime } from '../format'
import { closingWithinChoices, valueBands } from '../labels'
import { searchProblem, SEARCH_BOX_ID } from '../search-problem'
import {
  anyFilter,
  apiQuery,
  clearFiltersHref,
  feedHref,
  searchQuery,
  searchValuesFrom,
  selectedFilters,
  valueLabel,
  type SearchValues,
} from '../search-query'
import { standing } from '../time-left'
import type { OpportunitySummary, SearchParams } from '../types'
import '../opportunities.css'
import { codes, procedureHints, procedureLabels, searchStatusLabels, sortLabels, workLocalityLabels } from '../../../lib/labels'

const title = 'Find opportunities'

/** Where the opportunity page's back link returns to: this search, as it was. */
export interface FromSearch {
  from: string
}

const number = (n: number) => n.toLocaleString('en-GB')

// GOV.UK's tablet breakpoint: from here the filters have their own column.
const WIDE = '(min-width: 40.0625em)'

/** isWide reports whether the filters have their own column (true where it cannot be told). */
function isWide(): boolean {
  return typeof window.matchMedia !== 'function' || window.matchMedia(WIDE).matches
}

/**
 * useFiltersOpen keeps the filters' <details> open where they have their own
 * column (its toggle is hidden there) and folded on a phone until opened.
 */
function useFiltersOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(isWide)
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return
    const mq = window.matchMedia(WIDE)
    const onChange = () => setOpen(mq.matches)
    mq.addEventListener('change', onChange)
    return () => mq.removeEventListener('change', onChange)
  }, [])
  return [open, setOpen]
}

function Result({ o, now, from }: { o: OpportunitySummary; now: Date; from: string }) {
  const st = standing(o, now)
  const facts: [string, string][] = [['Value', o.valueText]]
  if (o.submissionDeadline) facts.push([o.status === 'closed' ? 'Closed' : 'Closing date', o.submissionDeadline.text || formatDateTime(o.submissionDeadline.at)])
  facts.push(['How to bid', o.procedureLabel || procedureLabels[o.procedure] || 'Not given'])
  facts.push(['Reference', o.reference])
  return (
    <li className="app-result">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={`/opportunities/${encodeURIComponent(o.id)}`} state={{ from } satisfies FromSearch}>
          {o.title}
        </Link>
      </h3>
      <p className="govuk-body govuk-!-margin-bottom-2">{o.summary}</p>
      <dl className="govuk-body-s app-result__facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}:</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="app-result__tags">
        <Tag colour={st.colour}>{st.text}</Tag>
        {o.suitableForSmes && <Tag colour="green">Suitable for small businesses</Tag>}
        {o.suitableForVcses && <Tag colour="green">Suitable for VCSEs</Tag>}
      </div>
    </li>
  )
}

function NoResults({ values }: { values: SearchValues }) {
  return (
    <>
      <p className="govuk-body">There are no opportunities that match your search.</p>
      <p className="govuk-body">Improve your results by:</p>
      <ul className="govuk-list govuk-list--bullet">
        {anyFilter(values) && (
          <li>
            removing filters, or{' '}
            <Link className="govuk-link" to={clearFiltersHref(values)}>
              clearing all filters
            </Link>
          </li>
        )}
        {values.q && <li>using fewer or different words, and checking their spelling</li>}
        {!values.status && (
          <li>
            looking at{' '}
            <Link className="govuk-link" to={`/opportunities${searchQuery({ ...values, status: 'closed' })}`}>
              closed opportunities
            </Link>{' '}
            or the{' '}
            <Link className="govuk-link" to="/opportunities/pipeline">
              work the council plans to buy
            </Link>
          </li>
        )}
      </ul>
    </>
  )
}

/**
 * OpportunitySearch is the public search for opportunities: a search box, the
 * GOV.UK filter layout (a column of filters, folded into "Filter results" on a
 * phone), the filters in use as links that remove them, and a page of results.
 * The address holds the whole search, in the API's parameter names.
 */
export function OpportunitySearch() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const search = params.toString()
  const applied = useMemo(() => searchValuesFrom(new URLSearchParams(search)), [search])
  const [values, setValues] = useState<SearchValues>(applied)
  // The names of the kinds of work chosen, by code: an address gives only the code, so the name
  // is looked up once for the picker to show.
  const [cpvNames, setCpvNames] = useState<Record<string, string>>({})
  const cpvCode = values.cpv
  useEffect(() => {
    if (!/^\d{8}(-\d)?$/.test(cpvCode) || cpvNames[cpvCode]) return
    let live = true
    call(api.GET('/api/v1/cpv', { params: { query: { q: cpvCode, limit: 1 } } }))
      .then((r) => {
        const hit = r.items.find((c) => c.code === cpvCode || c.code.startsWith(cpvCode.slice(0, 8)))
        if (live && hit) setCpvNames((n) => ({ ...n, [cpvCode]: hit.description }))
      })
      .catch(() => {}) // the code alone still says what is chosen
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cpvCode])
  const [attempt, setAttempt] = useState(0)
  const [filtersOpen, setFiltersOpen] = useFiltersOpen()
  // Set when the form is sent, until the new results are shown and take focus.
  const toResults = useRef(false)
  const resultsHeading = useRef<HTMLHeadingElement>(null)

  // Passed as the address has them, malformed or not: the API judges them.
  const { load } = useLoad(() => call(api.GET('/api/v1/opportunities', { params: { query: apiQuery(new URLSearchParams(search)) as unknown as SearchParams } })), [search])
  const refused = useMemo(() => (load.kind === 'refused' ? searchProblem(load.problem) : undefined), [load])
  useEffect(() => setValues(searchValuesFrom(new URLSearchParams(search))), [search])
  // Each refusal is a new attempt (the summary takes focus again), taken in
  // the same render as the refusal so that nothing shows it half done.
  const [seen, setSeen] = useState(refused)
  if (seen !== refused) {
    setSeen(refused)
    if (refused) {
      setAttempt((a) => a + 1)
      // A filter's message must be visible for the summary's link to reach it.
      if (Object.keys(refused.fields).some((f) => f !== SEARCH_BOX_ID)) setFiltersOpen(true)
    }
  }

  const showResults = () => {
    resultsHeading.current?.focus({ preventScroll: true })
    // jsdom has no scrolling.
    resultsHeading.current?.scrollIntoView?.({ block: 'start' })
  }
  // After "Apply filters" (or Search, or Sort) the person is taken to what
  // changed: the results heading, focused so that a screen reader reads the new
  // count, and scrolled into view, instead of being left among the filters or
  // at the footer. A refusal's error summary takes focus instead.
  useEffect(() => {
    if (!toResults.current || load.kind === 'loading') return
    toResults.current = false
    if (load.kind !== 'ready') return
    showResults()
  }, [load])

  if (load.kind === 'down' || load.kind === 'missing') return <ServiceProblem />

  const set = (name: keyof SearchValues, value: string) => setValues((v) => ({ ...v, [name]: value }))
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    // On a phone, fold the filters away so the new results are in sight.
    if (!isWide()) setFiltersOpen(false)
    const next = searchQuery(values)
    if (next === (search ? `?${search}` : '')) {
      // The same search again: nothing loads, so the results are already there.
      showResults()
      return
    }
    toResults.current = true
    navigate(`/opportunities${next}`)
  }
  const errors: FieldErrors = refused?.fields ?? {}
  const summary: SummaryError[] = refused?.summary ?? []
  const results = load.kind === 'ready' ? load.data : undefined
  const page = results?.page ?? 1
  const pageCount = results ? Math.max(1, Math.ceil(results.total / Math.max(1, results.pageSize))) : 1
  const chosen = selectedFilters(applied)
  const from = `/opportunities${search ? `?${search}` : ''}`
  const now = new Date()
  const searchHint = 'Words from the title or description, or a reference like FT-2026-000123.'

  const sortOptions = codes(sortLabels)
    .filter((k) => k !== 'relevance' || applied.q)
    .map((value) => ({ value, text: sortLabels[value] }))
  const sortValue = values.sort && sortOptions.some((o) => o.value === values.sort) ? values.sort : (results?.sort ?? 'closing')

  const valueItems = [{ value: '', label: 'Any value' }, ...valueBands.map((b) => ({ value: b.key, label: b.label }))]
  if (applied.value === 'custom') valueItems.splice(1, 0, { value: 'custom', label: valueLabel(applied) })

  return (
    <Page title={title} error={summary.length > 0}>
      <FeedLink href={feedHref(params)} title="Opportunities matching this search" />
      <ErrorSummary errors={summary} attempt={attempt} />
      <h1 className="govuk-heading-l">{title}</h1>
      <form method="get" action="/opportunities" noValidate onSubmit={onSubmit}>
        <div role="search" aria-label="Opportunities">
          <div className={`govuk-form-group${errors.q ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--m" htmlFor="q">
              Search opportunities
            </label>
            <Hint fieldId="q">{searchHint}</Hint>
            <ErrorMessage fieldId="q">{errors.q}</ErrorMessage>
            <div className="app-search">
              <input
                className={`govuk-input app-search__input${errors.q ? ' govuk-input--error' : ''}`}
                id="q"
                name="q"
                type="search"
                value={values.q}
                onChange={(e) => set('q', e.target.value)}
                aria-describedby={describedBy('q', searchHint, errors.q)}
              />
              <Button className="app-search__button">Search</Button>
            </div>
          </div>
        </div>

        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <details className="govuk-details app-filter" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
              <summary className="govuk-details__summary app-filter__toggle">
                <span className="govuk-details__summary-text">
                  Filter results{chosen.length > 0 ? ` (${chosen.length} selected)` : ''}
                </span>
              </summary>
              <div className="govuk-details__text app-filter__panel">
                <h2 className="govuk-heading-m app-filter__heading">Filter results</h2>
                <Radios
                  id="status"
                  legend="Status"
                  legendSize="s"
                  small
                  error={errors.status}
                  value={values.status}
                  onChange={(v) => set('status', v)}
                  items={[{ value: '', label: searchStatusLabels.open }, ...['closed', 'cancelled'].map((s) => ({ value: s, label: searchStatusLabels[s] }))]}
                />
                <Radios
                  id="closingWithinDays"
                  legend="Closing within"
                  legendSize="s"
                  small
                  error={errors.closingWithinDays}
                  value={values.closingWithinDays}
                  onChange={(v) => set('closingWithinDays', v)}
                  items={[
                    { value: '', label: 'Any time' },
                    ...closingWithinChoices.map((d) => ({ value: d, label: `${d} days` })),
                  ]}
                />
                <SuitableFor values={values} set={set} errors={errors} />
                <Radios
                  id="value"
                  legend="Value"
                  legendSize="s"
                  hint="The council’s estimate, without VAT."
                  small
                  error={errors.value}
                  value={values.value}
                  onChange={(v) => set('value', v)}
                  items={valueItems}
                />
                <Radios
                  id="locality"
                  legend="Where the work is done"
                  legendSize="s"
                  small
                  error={errors.locality}
                  value={values.locality}
                  onChange={(v) => set('locality', v)}
                  items={[
                    { value: '', label: 'Anywhere' },
                    ...Object.entries(workLocalityLabels).map(([value, label]) => ({ value, label })),
                  ]}
                />
                <Radios
                  id="procedure"
                  legend="How to bid"
                  legendSize="s"
                  small
                  error={errors.procedure}
                  value={values.procedure}
                  onChange={(v) => set('procedure', v)}
                  items={[
                    { value: '', label: 'Any way' },
                    ...Object.entries(procedureLabels).map(([value, label]) => ({ value, label, hint: procedureHints[value] })),
                  ]}
                />
                <div className="app-search-cpv">
                  <p className="govuk-body-s">
                    The kind of work includes everything under it.{' '}
                    <Link className="govuk-link" to="/glossary#cpv-code">
                      What is a CPV code?
                    </Link>
                  </p>
                  <CpvPicker
                    id="cpv"
                    single
                    searchButtonHidden="for a kind of work"
                    limit={10}
                    chosen={values.cpv ? [{ code: values.cpv, description: cpvNames[values.cpv] ?? values.cpv }] : []}
                    onChange={(next) => {
                      const c = next.at(-1)
                      if (c) setCpvNames((n) => ({ ...n, [c.code]: c.description }))
                      set('cpv', c?.code ?? '')
                    }}
                    error={errors.cpv}
                  />
                </div>
                <Button variant="secondary">Apply filters</Button>
                {anyFilter(applied) && (
                  <p className="govuk-body">
                    <Link className="govuk-link" to={clearFiltersHref(applied)}>
                      Clear filters
                    </Link>
                  </p>
                )}
              </div>
            </details>
          </div>

          <div className="govuk-grid-column-two-thirds">
            {chosen.length > 0 && (
              <>
                <h2 className="govuk-heading-s govuk-!-margin-bottom-2">Selected filters</h2>
                <ul className="govuk-body-s app-filter-tags">
                  {chosen.map((f) => (
                    <li key={f.name}>
                      <Link className="govuk-link app-filter-tag" to={f.removeHref}>
                        <span className="govuk-visually-hidden">Remove filter:</span> {f.label}
                        <span className="app-filter-tag__remove" aria-hidden="true">
                          ×
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
                <p className="govuk-body-s">
                  <Link className="govuk-link" to={clearFiltersHref(applied)}>
                    Clear filters
                  </Link>
                </p>
              </>
            )}

            <div role="status">
              {/* Holds the results' place, so that what follows them stays below the screen's edge until they come. */}
              {load.kind === 'loading' && <p className="govuk-body app-loading-reserve">Loading opportunities.</p>}
              {results && (
                <h2 className="govuk-heading-m app-heading--focusable" id="results-count" tabIndex={-1} ref={resultsHeading}>
                  {number(results.total)} {results.total === 1 ? 'opportunity' : 'opportunities'}
                </h2>
              )}
              {load.kind === 'refused' && <p className="govuk-body">Change your search and try again.</p>}
            </div>

            {results && results.total > 0 && (
              <div className="app-sort">
                <Select
                  id="sort"
                  label="Sort by"
                  labelSize="s"
                  value={sortValue}
                  onChange={(e) => set('sort', e.target.value)}
                  options={sortOptions}
                />
                <Button variant="secondary">Sort</Button>
              </div>
            )}

            {results && results.total === 0 && <NoResults values={applied} />}
            {results && results.items.length > 0 && (
              <ul className="app-results" aria-labelledby="results-count">
                {results.items.map((o) => (
                  <Result key={o.id} o={o} now={now} from={from} />
                ))}
              </ul>
            )}
            {results && (
              <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/opportunities${searchQuery(applied, p)}`} />
            )}

            <h2 className="govuk-heading-s">Keep up to date</h2>
            <ul className="govuk-list">
              <li>
                <Link className="govuk-link" to="/alerts">
                  Get new opportunities by email: set up an alert
                </Link>
              </li>
              <li>
                <a className="govuk-link" href={feedHref(params)}>
                  Follow this search in a feed reader (Atom feed)
                </a>
              </li>
              <li>
                <Link className="govuk-link" to="/glossary#feed-reader">
                  What is a feed reader?
                </Link>
              </li>
              <li>
                <Link className="govuk-link" to="/opportunities/pipeline">
                  See what the council plans to buy (forward pipeline)
                </Link>
              </li>
            </ul>
          </div>
        </div>
      </form>
    </Page>
  )
}

// SuitableFor is two checkboxes with a parameter each (suitableForSmes=true,
// suitableForVcses=true), which the shared Checkboxes, one name for the group,
// cannot be.
function SuitableFor({
  values,
  set,
  errors,
}: {
  values: SearchValues
  set: (name: keyof SearchValues, value: string) => void
  errors: FieldErrors
}) {
  const error = errors.suitableForSmes ?? errors.suitableForVcses
  const errorFor = errors.suitableForSmes ? 'suitableForSmes' : 'suitableForVcses'
  const boxes = [
    { id: 'suitableForSmes' as const, label: 'Suitable for small businesses', hint: 'Small and medium-sized businesses (SMEs).' },
    { id: 'suitableForVcses' as const, label: 'Suitable for VCSEs', hint: 'Voluntary, community and social enterprise organisations.' },
  ]
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(errorFor, undefined, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who it suits</legend>
        <ErrorMessage fieldId={errorFor}>{error}</ErrorMessage>
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {boxes.map((b) => (
            <div className="govuk-checkboxes__item" key={b.id}>
              <input
                className="govuk-checkboxes__input"
                id={b.id}
                name={b.id}
                type="checkbox"
                value="true"
                checked={values[b.id] === 'true'}
                onChange={(e) => set(b.id, e.target.checked ? 'true' : '')}
                aria-describedby={`${b.id}-item-hint`}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={b.id}>
                {b.label}
              </label>
              <div id={`${b.id}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                {b.hint}
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  )
}
