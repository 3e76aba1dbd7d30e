import { Link, useSearchParams } from 'react-router'
import { api, call } from '../../../api/client'
import { Page } from '../../../components/page/page'
import { Pagination } from '../../../components/pagination/pagination'
import { Tag } from '../../../components/tag/tag'
import { failed, useLoad } from '../../../lib/use-load'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import type { OpportunitySummary } from '../types'
import '../opportunities.css'
import { procedureLabels } from '../../../lib/labels'

const title = 'Work the council plans to buy'


const number = (n: number) => n.toLocaleString('en-GB')

function Planned({ o }: { o: OpportunitySummary }) {
  const facts: [string, string][] = [
    ['Expected to open for bids', o.expectedQuarterText || 'Not known yet'],
    ['Value', o.valueText],
    ['How to bid', o.procedureLabel || procedureLabels[o.procedure] || 'Not decided yet'],
  ]
  if (o.cpvCodes.length > 0) facts.push([o.cpvCodes.length === 1 ? 'CPV code' : 'CPV codes', o.cpvCodes.join(', ')])
  facts.push(['Reference', o.reference])
  return (
    <li className="app-result">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={`/opportunities/${encodeURIComponent(o.id)}`}>
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
      {(o.suitableForSmes || o.suitableForVcses) && (
        <div className="app-result__tags">
          {o.suitableForSmes && <Tag colour="green">Suitable for small businesses</Tag>}
          {o.suitableForVcses && <Tag colour="green">Suitable for VCSEs</Tag>}
        </div>
      )}
    </li>
  )
}

/**
 * Pipeline is the forward pipeline: what the council expects to buy, soonest
 * first, so that suppliers can get ready before the work is published. Each
 * links to its own page, which says whom to ask about it.
 */
export function Pipeline() {
  const [params] = useSearchParams()
  const page = Math.min(10_000, Math.max(1, Math.trunc(Number(params.get('page'))) || 1))
  const { load } = useLoad(() => call(api.GET('/api/v1/pipeline', { params: { query: { page } } })), [page])

  if (failed(load)) return <ServiceProblem />
  const results = load.kind === 'ready' ? load.data : undefined
  const pageCount = results ? Math.max(1, Math.ceil(results.total / Math.max(1, results.pageSize))) : 1

  return (
    <Page title={title}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Forward pipeline</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            These are contracts the council expects to advertise in the coming months. You cannot bid for them yet, but you
            can get ready: find partners, check what you need, and ask the contact named on each one.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/opportunities">
              Find opportunities open for bids now
            </Link>
          </p>
          <div role="status">
            {load.kind === 'loading' && <p className="govuk-body">Loading planned work.</p>}
            {results && (
              <h2 className="govuk-heading-m" id="pipeline-count">
                {number(results.total)} planned {results.total === 1 ? 'contract' : 'contracts'}
              </h2>
            )}
          </div>
          {results && results.total === 0 && <p className="govuk-body">The council has not published any plans yet.</p>}
          {results && results.items.length > 0 && (
            <ul className="app-results" aria-labelledby="pipeline-count">
              {results.items.map((o) => (
                <Planned key={o.id} o={o} />
              ))}
            </ul>
          )}
          <Pagination page={page} pageCount={pageCount} hrefFor={(p) => `/opportunities/pipeline${p > 1 ? `?page=${p}` : ''}`} />
          <p className="govuk-body">
            <Link className="govuk-link" to="/alerts">
              Get new opportunities by email: set up an alert
            </Link>
          </p>
        </div>
      </div>
    </Page>
  )
}
