import { useEffect, useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api, call, type AccountFilters } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { Page } from '../../../components/page/page'
import { Pagination } from '../../../components/pagination/pagination'
import { Select } from '../../../components/select/select'
import { Table } from '../../../components/table/table'
import { Tag } from '../../../components/tag/tag'
import { TextInput } from '../../../components/text-input/text-input'
import { formatDateTime } from '../../../format/dates'
import { failed, useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { statusLabel, type AccountRole } from '../labels'
import { accountRoleLabels } from '../../../lib/labels'

const title = 'Accounts'
const PAGE_SIZE = 50
const FILTERS = ['q', 'role', 'status'] as const
type Filters = Record<(typeof FILTERS)[number], string>

function filtersFrom(params: URLSearchParams): Filters {
  return { q: params.get('q') ?? '', role: params.get('role') ?? '', status: params.get('status') ?? '' }
}

function query(f: Filters, page = 1): string {
  const q = new URLSearchParams()
  for (const n of FILTERS) if (f[n].trim()) q.set(n, f[n].trim())
  if (page > 1) q.set('page', String(page))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/**
 * Accounts is the admins' list of every account: search by name or email,
 * filter by role and status (in the address, so a list can be bookmarked), a
 * page at a time, each linking to the person's page.
 */
export function Accounts() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const search = params.toString()
  const applied = filtersFrom(params)
  const page = Math.max(1, Number(params.get('page')) || 1)
  const [values, setValues] = useState<Filters>(applied)
  useEffect(() => setValues(filtersFrom(new URLSearchParams(search))), [search])
  const { load } = useLoad(() => {
    const f = filtersFrom(new URLSearchParams(search))
    const q: Record<string, string | number> = { page, pageSize: PAGE_SIZE }
    for (const n of FILTERS) if (f[n].trim()) q[n] = f[n].trim()
    return call(api.GET('/api/v1/admin/accounts', { params: { query: q as AccountFilters } }))
  }, [search, page])

  if (failed(load)) return <ServiceProblem />
  const list = load.kind === 'ready' ? load.data : undefined
  const filtered = FILTERS.some((n) => applied[n].trim() !== '')
  const pageCount = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    navigate(`/admin/accounts${query(values)}`)
  }

  return (
    <Page title={title}>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">Everyone with an account: suppliers and council staff. Choose someone to see their account, change their role or deactivate it.</p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Find someone</h2>
          <form noValidate onSubmit={onSubmit} role="search" aria-label="Find accounts">
            <TextInput
              id="q"
              label="Name or email address"
              labelSize="s"
              hint="Part of it is enough."
              type="search"
              spellCheck={false}
              value={values.q}
              onChange={(e) => setValues((v) => ({ ...v, q: e.target.value }))}
            />
            <Select
              id="role"
              label="Role"
              labelSize="s"
              value={values.role}
              onChange={(e) => setValues((v) => ({ ...v, role: e.target.value }))}
              options={[
                { value: '', text: 'Any role' },
                ...(Object.keys(accountRoleLabels) as AccountRole[]).map((r) => ({ value: r, text: accountRoleLabels[r] })),
              ]}
            />
            <Select
              id="status"
              label="Status"
              labelSize="s"
              value={values.status}
              onChange={(e) => setValues((v) => ({ ...v, status: e.target.value }))}
              options={[
                { value: '', text: 'Active and deactivated' },
                { value: 'active', text: 'Active only' },
                { value: 'deactivated', text: 'Deactivated only' },
              ]}
            />
            <Button>Search</Button>
            {filtered && (
              <p className="govuk-body">
                <Link className="govuk-link" to="/admin/accounts">
                  Clear search
                </Link>
              </p>
            )}
          </form>
        </div>
        <div className="govuk-grid-column-two-thirds">
          {!list && (
            <p className="govuk-body" role="status">
              Loading accounts.
            </p>
          )}
          {list && (
            <>
              <div role="status">
                <h2 className="govuk-heading-m">
                  {list.total.toLocaleString('en-GB')} account{list.total === 1 ? '' : 's'}
                  {filtered ? (list.total === 1 ? ' matches your search' : ' match your search') : ''}
                </h2>
              </div>
              {list.items.length > 0 && (
                <Table
                  caption={`Accounts, page ${page} of ${pageCount}`}
                  captionSize="hidden"
                  scrollLabel="Accounts (scrolls sideways on a small screen)"
                  firstCellIsHeader
                  rows={list.items}
                  rowKey={(a) => a.id}
                  columns={[
                    {
                      header: 'Name',
                      cell: (a) => (
                        <>
                          <Link className="govuk-link" to={`/admin/accounts/${a.id}`}>
                            {a.name}
                          </Link>
                          <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0 app-break-words">{a.email}</span>
                        </>
                      ),
                    },
                    { header: 'Role', cell: (a) => accountRoleLabels[a.role] },
                    { header: 'Status', cell: (a) => <Tag colour={a.status === 'active' ? 'green' : 'grey'}>{statusLabel(a.status)}</Tag> },
                    { header: 'Last signed in', cell: (a) => (a.lastSignedInAt ? formatDateTime(a.lastSignedInAt) : 'Not known') },
                  ]}
                />
              )}
              {list.items.length === 0 && page > 1 && (
                <p className="govuk-body">
                  There are no more accounts.{' '}
                  <Link className="govuk-link" to={`/admin/accounts${query(applied)}`}>
                    Go to the first page
                  </Link>
                </p>
              )}
              <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/admin/accounts${query(applied, p)}`} />
            </>
          )}
        </div>
      </div>
    </Page>
  )
}
