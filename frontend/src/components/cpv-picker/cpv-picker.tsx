import { useRef, useState, type KeyboardEvent } from 'react'
import { api, call, type CpvResult } from '../../api/client'
import { describedBy, ErrorMessage } from '../error-message/error-message'
import { Hint } from '../hint/hint'
import { Tag } from '../tag/tag'

/** A chosen CPV code with its description. */
export interface CpvCode {
  code: string
  description: string
}

/** Props for CpvPicker. */
export interface CpvPickerProps {
  /** The id of the search field, which the error summary links to. */
  id: string
  chosen: CpvCode[]
  onChange: (chosen: CpvCode[]) => void
  error?: string
  /** How many results to ask for. */
  limit?: number
  /** Finds codes; the default asks GET /api/v1/cpv. Tests pass their own. */
  search?: (q: string, limit: number) => Promise<CpvResult[]>
  /** One kind of work only (the search filters on one): adding another replaces it. */
  single?: boolean
  /** Words only screen readers hear after the Search button's, where the page has another Search button. */
  searchButtonHidden?: string
}

async function searchApi(q: string, limit: number): Promise<CpvResult[]> {
  const { items } = await call(api.GET('/api/v1/cpv', { params: { query: { q, limit } } }))
  return items
}

type Results = { kind: 'none' } | { kind: 'found'; q: string; items: CpvResult[] } | { kind: 'failed' }

/**
 * CpvPicker lets a supplier find CPV codes by words or by code and choose
 * several. Each result shows where it sits in the CPV hierarchy, so that
 * "Cleaning services" under "Sewage, refuse, cleaning and environmental
 * services" can be told from a product of the same name. Without JavaScript
 * nothing works, like the rest of the app; with it, the search needs no page
 * load and what is added or removed is announced.
 */
export function CpvPicker({ id, chosen, onChange, error, limit = 20, search = searchApi, single = false, searchButtonHidden }: CpvPickerProps) {
  const [q, setQ] = useState('')
  const [results, setResults] = useState<Results>({ kind: 'none' })
  const [searching, setSearching] = useState(false)
  const [queryError, setQueryError] = useState<string | undefined>()
  const [announcement, setAnnouncement] = useState('')
  const latest = useRef(0)
  const hint = 'Enter words, like ‘window cleaning’, or a code, like 90911300.'
  const shownError = queryError ?? error

  const run = async () => {
    const words = q.trim()
    if (!words) {
      setQueryError('Enter words or a code to search for')
      return
    }
    setQueryError(undefined)
    setSearching(true)
    const n = ++latest.current
    try {
      const items = await search(words, limit)
      if (n === latest.current) setResults({ kind: 'found', q: words, items })
    } catch {
      // Down or refused: either way the person can only try again.
      if (n === latest.current) setResults({ kind: 'failed' })
    } finally {
      if (n === latest.current) setSearching(false)
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter in the search field searches; it must not submit the page's form.
    if (e.key === 'Enter') {
      e.preventDefault()
      void run()
    }
  }

  const count = (n: number) => `You have chosen ${n} kind${n === 1 ? '' : 's'} of work.`
  const isChosen = (code: string) => chosen.some((c) => c.code === code)
  const add = (c: CpvCode) => {
    if (isChosen(c.code)) return
    const next = [...(single ? [] : chosen), { code: c.code, description: c.description }]
    onChange(next)
    setAnnouncement(single && chosen.length ? `Chose ${c.description} instead of ${chosen[0].description}.` : `Added ${c.description}. ${count(next.length)}`)
  }
  const remove = (c: CpvCode) => {
    const next = chosen.filter((x) => x.code !== c.code)
    onChange(next)
    setAnnouncement(`Removed ${c.description}. ${count(next.length)}`)
  }

  return (
    <div className="app-cpv-picker">
      <h2 className="govuk-heading-m">{single ? 'Kind of work you have chosen' : 'Kinds of work you have chosen'}</h2>
      {chosen.length === 0 ? (
        <p className="govuk-body" id={`${id}-none`}>
          You have not chosen any yet.
        </p>
      ) : (
        <dl className="govuk-summary-list" id={`${id}-chosen`}>
          {chosen.map((c) => (
            <div className="govuk-summary-list__row" key={c.code}>
              <dt className="govuk-summary-list__key">{c.description}</dt>
              <dd className="govuk-summary-list__value">
                <span className="govuk-visually-hidden">Code </span>
                {c.code}
              </dd>
              <dd className="govuk-summary-list__actions">
                <button type="button" className="app-button-link" onClick={() => remove(c)}>
                  Remove<span className="govuk-visually-hidden"> {c.description}</span>
                </button>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <div className="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>

      <h2 className="govuk-heading-m">Find a kind of work</h2>
      <div className={`govuk-form-group${shownError ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor={id}>
          Search for a kind of work
        </label>
        <Hint fieldId={id}>{hint}</Hint>
        <ErrorMessage fieldId={id}>{shownError}</ErrorMessage>
        <div className="app-search">
          <input
            className={`govuk-input app-search__input${shownError ? ' govuk-input--error' : ''}`}
            id={id}
            name={id}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={onKeyDown}
            spellCheck={false}
            aria-describedby={describedBy(id, hint, shownError)}
          />
          <button
            type="button"
            className="govuk-button govuk-button--secondary app-search__button"
            data-module="govuk-button"
            onClick={() => void run()}
            aria-disabled={searching || undefined}
          >
            Search
            {searchButtonHidden && <span className="govuk-visually-hidden"> {searchButtonHidden}</span>}
          </button>
        </div>
      </div>

      <div role="status" aria-live="polite" className="app-cpv-picker__results-status">
        {results.kind === 'failed' && <p className="govuk-body">Sorry, the search is not working just now. Try again in a few minutes.</p>}
        {results.kind === 'found' && (
          <p className="govuk-body">
            {results.items.length === 0
              ? `No kinds of work match ‘${results.q}’. Try other words, or fewer of them.`
              : `${results.items.length === limit ? `The first ${limit}` : results.items.length} result${results.items.length === 1 ? '' : 's'} for ‘${results.q}’.`}
          </p>
        )}
      </div>
      {results.kind === 'found' && results.items.length > 0 && (
        <ul className="govuk-list app-cpv-results">
          {results.items.map((r) => {
            const on = isChosen(r.code)
            return (
              <li key={r.code} className="app-cpv-result">
                {r.ancestors.length > 0 && (
                  <p className="govuk-body-s app-cpv-result__path">
                    <span className="govuk-visually-hidden">Part of: </span>
                    {r.ancestors.map((a, i) => (
                      <span key={a.code}>
                        {i > 0 && <span aria-hidden="true"> › </span>}
                        {i > 0 && <span className="govuk-visually-hidden">, then </span>}
                        {a.description}
                      </span>
                    ))}
                  </p>
                )}
                <p className="govuk-body govuk-!-margin-bottom-2">
                  <strong>{r.description}</strong> <span className="app-cpv-code">{r.code}</span>{' '}
                  {on && <Tag colour="green">Chosen</Tag>}
                </p>
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                  data-module="govuk-button"
                  onClick={() => (on ? remove(r) : add(r))}
                >
                  {on ? 'Remove' : 'Add'}
                  <span className="govuk-visually-hidden"> {r.description}</span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
      {results.kind === 'found' && results.items.length === limit && (
        <p className="govuk-body">Not what you are looking for? Use more words to narrow the search.</p>
      )}
    </div>
  )
}
