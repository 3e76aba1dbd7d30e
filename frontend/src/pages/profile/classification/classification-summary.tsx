import { Link } from 'react-router'
import type { Classification } from '../../../api/client'
import { SummaryList } from '../../../components/summary-list/summary-list'
import { sizeLabels, supplierLocalityLabels } from '../../../lib/labels'

/**
 * ClassificationSummary shows how an organisation is classified, each class
 * with the reason the API gives, in the supplier's words ("you") or, for
 * council staff, as the API words it.
 */
export function ClassificationSummary({ c }: { c: Classification }) {
  return (
    <SummaryList
      rows={[
        {
          key: 'Size',
          value: (
            <>
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{sizeLabels[c.size] ?? c.size}</p>
              <p className="govuk-body govuk-!-margin-bottom-0">{c.sizeReason}</p>
            </>
          ),
        },
        {
          key: 'SME',
          value: (
            <>
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{c.sme ? 'Yes' : 'No'}</p>
              <p className="govuk-body govuk-!-margin-bottom-0">
                Micro, small and medium-sized organisations are{' '}
                <Link className="govuk-link" to="/glossary#sme">
                  SMEs
                </Link>
                .
              </p>
            </>
          ),
        },
        {
          key: 'VCSE',
          value: (
            <>
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{c.vcse ? 'Yes' : 'No'}</p>
              <p className="govuk-body govuk-!-margin-bottom-0">{c.vcseReason}</p>
            </>
          ),
        },
        {
          key: 'How local',
          value: (
            <>
              {c.locality && (
                <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{supplierLocalityLabels[c.locality] ?? c.locality}</p>
              )}
              <p className="govuk-body govuk-!-margin-bottom-0">{c.localityReason}</p>
            </>
          ),
        },
      ]}
    />
  )
}
