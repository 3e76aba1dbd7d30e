import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api, call, type SupplierList } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Pagination } from '../../../components/pagination/pagination'
import { Select } from '../../../components/select/select'
import { Table } from '../../../components/table/table'
import { TextInput } from '../../../components/text-input/text-input'
import { problemToErrors, type FieldErrors, type SummaryError } from '../../../forms/problem'
import { useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { standards } from '../standards'
import { anyFilter, apiFilters, filterQuery, filtersFrom, type FilterName, type FilterValues } from './filters'
import { codes, legalFormLabel, sizeLabels, supplierLocalityLabels } from '../../../lib/labels'

const title = 'Suppliers'
const PAGE_SIZE = 50

const number = (n: number) => n.toLocaleString('en-GB')

function Counts({ list }: { list: SupplierList }) {
  const c = list.counts
  return (
    <div className="app-counts">
      <div className="app-counts__group">
        <h3 className="govuk-heading-s govuk-!-margin-bottom-1">By size</h3>
        <ul className="govuk-list govuk-!-margin-bottom-0">
          {['micro', 'small', 'medium', 'large'].map((s) => (
            <li key={s}>
              {sizeLabels[s]}: {number(c.size[s] ?? 0)}
            </li>
          ))}
        </ul>
      </div>
      <div className="app-counts__group">
        <h3 className="govuk-heading-s govuk-!-margin-bottom-1">By how local</h3>
        <ul className="govuk-list govuk-!-margin-bottom-0">
          {codes(supplierLocalityLabels).map((l) => (
            <li key={l}>
              {supplierLocalityLabels[l].replace(/ \(.*\)$/, '')}: {number(c.locality[l] ?? 0)}
            </li>
          ))}
        </ul>
      </div>
      <div className="app-counts__group">
        <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Others</h3>
        <ul className="govuk-list govuk-!-margin-bottom-0">
          <li>SMEs: {number((c.size.micro ?? 0) + (c.size.small ?? 0) + (c.size.medium ?? 0))}</li>
          <li>VCSEs: {number(c.vcse)}</li>
        </ul>
      </div>
    </div>
  )
}

/**
 * Suppliers is the council staff's list of suppliers: filters in the address,
 * counts per class for the filtered list, a page of results, and a CSV
 * download of every supplier matching the same filters.
 */
export function Suppliers() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const search = params.toString()
  const applied = filtersFrom(params)
  const page = Math.max(1, Number(params.get('page')) || 1)
  const [values, setValues] = useState<FilterValues>(applied)
  const { load } = useLoad(
    () => call(api.GET('/api/v1/suppliers', { params: { query: { ...apiFilters(filtersFrom(new URLSearchParams(search))), page, pageSize: PAGE_SIZE } } })),
    [search, page],
  )
  // The server's problems with the filters, shown against them; each refusal
  // is a new attempt, so the summary takes focus again, in the same render.
  const refused = useMemo(
    () => (load.kind === 'refused' ? problemToErrors(load.problem, { fields: { cpv: 'Enter a CPV code such as 45000000-7' } }) : undefined),
    [load],
  )
  const [attempt, setAttempt] = useState(0)
  const [seen, setSeen] = useState(refused)
  if (seen !== refused) {
    setSeen(refused)
    if (refused) setAttempt((a) => a + 1)
  }
  useEffect(() => setValues(filtersFrom(new URLSearchParams(search))), [search])

  if (load.kind === 'down' || load.kind === 'missing') return <ServiceProblem />

  const set = (n: FilterName, v: string) => setValues((f) => ({ ...f, [n]: v }))
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    navigate(`/suppliers${filterQuery(values)}`)
  }
  const errors: FieldErrors = refused?.fields ?? {}
  const summary: SummaryError[] = refused?.summary ?? []
  const list = load.kind === 'ready' ? load.data : undefined
  const pageCount = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1
  const exportHref = `/api/v1/suppliers/export.csv${filterQuery(applied)}`

  return (
    <Page title={title} error={summary.length > 0}>
      <ErrorSummary errors={summary} attempt={attempt} />
      <h1 className="govuk-heading-l">{title}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Filter suppliers</h2>
          <form noValidate onSubmit={onSubmit} role="search" aria-label="Filter suppliers">
            <TextInput
              id="q"
              label="Search words"
              labelSize="s"
              hint="In the name or description."
              type="search"
              error={errors.q}
              {...bindText(values, set, 'q')}
            />
            <Select
              id="size"
              label="Size"
              labelSize="s"
              value={values.size}
              onChange={(e) => set('size', e.target.value)}
              options={[{ value: '', text: 'Any size' }, ...codes(sizeLabels).map((s) => ({ value: s, text: sizeLabels[s] }))]}
            />
            <Select
              id="sme"
              label="SME"
              labelSize="s"
              value={values.sme}
              onChange={(e) => set('sme', e.target.value)}
              options={[
                { value: '', text: 'SMEs and large organisations' },
                { value: 'true', text: 'SMEs only' },
                { value: 'false', text: 'Large organisations only' },
              ]}
            />
            <Select
              id="vcse"
              label="VCSE"
              labelSize="s"
              value={values.vcse}
              onChange={(e) => set('vcse', e.target.value)}
              options={[
                { value: '', text: 'VCSEs and others' },
                { value: 'true', text: 'VCSEs only' },
                { value: 'false', text: 'Not VCSEs' },
              ]}
            />
            <Select
              id="locality"
              label="How local"
              labelSize="s"
              value={values.locality}
              onChange={(e) => set('locality', e.target.value)}
              options={[
                { value: '', text: 'Anywhere' },
                ...codes(supplierLocalityLabels).map((l) => ({ value: l, text: supplierLocalityLabels[l] })),
              ]}
            />
            <TextInput
              id="cpv"
              label="Kind of work (CPV code)"
              labelSize="s"
              hint="A code like 90910000. Includes everything under it."
              className="govuk-input--width-10"
              inputMode="numeric"
              spellCheck={false}
              error={errors.cpv}
              {...bindText(values, set, 'cpv')}
            />
            <Select
              id="declaration"
              label="Declared they meet"
              labelSize="s"
              value={values.declaration}
              onChange={(e) => set('declaration', e.target.value)}
              options={[{ value: '', text: 'Any or none' }, ...standards.map((s) => ({ value: s.key, text: s.title }))]}
            />
            <TextInput
              id="accreditation"
              label="Accreditation"
              labelSize="s"
              hint="Its full name, like ISO 9001."
              error={errors.accreditation}
              {...bindText(values, set, 'accreditation')}
            />
            <Button>Apply filters</Button>
            {anyFilter(applied) && (
              <p className="govuk-body">
                <Link className="govuk-link" to="/suppliers">
                  Clear filters
                </Link>
              </p>
            )}
          </form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          {load.kind === 'loading' && (
            <p className="govuk-body" role="status">
              Loading suppliers.
            </p>
          )}
          {list && (
            <>
              <div role="status">
                <h2 className="govuk-heading-m">
                  {number(list.total)} supplier{list.total === 1 ? '' : 's'}
                  {anyFilter(applied) ? (list.total === 1 ? ' matches your filters' : ' match your filters') : ''}
                </h2>
              </div>
              <Counts list={list} />
              <p className="govuk-body">
                <a className="govuk-link" href={exportHref} download>
                  {list.total === 1
                    ? 'Download this supplier'
                    : `Download ${anyFilter(applied) ? 'these' : 'all'} ${number(list.total)} suppliers`}{' '}
                  as a spreadsheet (CSV file)
                </a>
              </p>
              {list.items.length > 0 && (
                <Table
                  caption={`Suppliers, page ${page} of ${pageCount}`}
                  captionSize="hidden"
                  scrollLabel="Suppliers (scrolls sideways on a small screen)"
                  firstCellIsHeader
                  rows={list.items}
                  rowKey={(s) => s.organisationId}
                  columns={[
                    {
                      header: 'Name',
                      cell: (s) => (
                        <>
                          <Link className="govuk-link" to={`/suppliers/${s.organisationId}`}>
                            {s.name}
                          </Link>
                          <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 app-secondary-text">
                            {legalFormLabel(s.legalForm)}
                          </span>
                        </>
                      ),
                    },
                    { header: 'Size', cell: (s) => sizeLabels[s.size] ?? s.size },
                    { header: 'VCSE', cell: (s) => (s.vcse ? 'Yes' : 'No') },
                    { header: 'How local', cell: (s) => supplierLocalityLabels[s.locality]?.replace(/ \(.*\)$/, '') ?? s.locality },
                    { header: 'Postcode', cell: (s) => s.postcode },
                  ]}
                />
              )}
              <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/suppliers${filterQuery(applied, p)}`} />
            </>
          )}
        </div>
      </div>
    </Page>
  )
}

function bindText(values: FilterValues, set: (n: FilterName, v: string) => void, n: FilterName) {
  return { value: values[n], onChange: (e: { target: { value: string } }) => set(n, e.target.value) }
}
