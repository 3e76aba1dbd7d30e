import { Link } from 'react-router'
import { useSite } from '../../../app/site'
import { Checkboxes } from '../../../components/checkboxes/checkboxes'
import { InsetText } from '../../../components/inset-text/inset-text'
import { Radios } from '../../../components/radios/radios'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { formatPounds } from '../../../format/money'
import { draftPath, inputFromView, type OpportunityInput } from '../draft'
import { reservedOptions } from '../labels'
import { reservable, withVAT } from '../rules'
import { TaskPage, useTask } from '../task-page'

const title = 'Who can bid'

/**
 * WhoCanBid asks whether the work suits small businesses and VCSEs, and
 * whether the council keeps it for some suppliers. Keeping it is allowed only
 * below the council's threshold, so above it (or before the value is known)
 * the choice is not offered and the page says why.
 */
export function WhoCanBid() {
  const { view, initialErrors } = useTask('who')
  const { opportunityRules: rules } = useSite()
  const form = useForm(
    {
      suitability: [view.suitableForSmes && 'smes', view.suitableForVcses && 'vcses'].filter(Boolean).join(','),
      reserved: view.reserved || 'none',
    },
    {},
    initialErrors,
  )
  const canReserve = reservable(view.estimatedValuePence, rules)
  const threshold = formatPounds(rules.reservedThresholdPence)
  const suitability = form.values.suitability ? form.values.suitability.split(',') : []

  const build = (): SummaryError[] | OpportunityInput => {
    const reserved = canReserve ? form.values.reserved : 'none'
    if (!reservedOptions.some((o) => o.value === reserved)) return [{ field: 'reserved', text: 'Choose who can bid' }]
    return {
      ...inputFromView(view),
      suitableForSmes: suitability.includes('smes'),
      suitableForVcses: suitability.includes('vcses'),
      reserved: reserved as OpportunityInput['reserved'],
    }
  }

  return (
    <TaskPage task="who" title={title} form={form} build={build}>
      <Checkboxes
        id="suitability"
        legend="Is the work suitable for these suppliers?"
        legendSize="m"
        hint="Suppliers can search for work that suits them. Select all that apply."
        error={form.errors.suitability}
        items={[
          {
            value: 'smes',
            label: 'Small and medium-sized businesses (SMEs)',
            hint: 'Fewer than 250 staff and a turnover under £50 million.',
          },
          {
            value: 'vcses',
            label: 'Voluntary, community and social enterprise organisations (VCSEs)',
            hint: 'Charities, community groups, social enterprises and co-operatives.',
          },
        ]}
        values={suitability}
        onChange={(vs) => form.set('suitability', vs.join(','))}
      />
      {canReserve ? (
        <Radios
          id="reserved"
          legend="Can anyone bid, or will you keep this opportunity for some suppliers?"
          legendSize="m"
          hint={`You can keep an opportunity worth less than ${threshold} including VAT for local or UK suppliers, or for SMEs and VCSEs.`}
          error={form.errors.reserved}
          items={reservedOptions}
          value={form.values.reserved}
          onChange={(v) => form.set('reserved', v)}
        />
      ) : (
        <div className="govuk-form-group" id="reserved" tabIndex={-1}>
          <h2 className="govuk-heading-m">Anyone can bid</h2>
          {form.errors.reserved && (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {form.errors.reserved}
            </p>
          )}
          <InsetText>
            {view.estimatedValuePence > 0 ? (
              <>
                You cannot keep this opportunity for local, UK or small suppliers, because its estimated value of{' '}
                {formatPounds(view.estimatedValuePence)} without VAT is {formatPounds(withVAT(view.estimatedValuePence))} with 20% VAT, which is not
                below the threshold of {threshold} including VAT. The law requires contracts of that value to be open to
                any supplier.
                {view.reserved && view.reserved !== 'none' && ' When you save this page, it will be open to anyone.'}
              </>
            ) : (
              <>
                You can keep an opportunity worth less than {threshold} including VAT for local, UK or small suppliers.{' '}
                <Link className="govuk-link" to={draftPath(view.id, 'value')}>
                  Enter the estimated value
                </Link>{' '}
                first to see if you can.
              </>
            )}
          </InsetText>
        </div>
      )}
    </TaskPage>
  )
}
