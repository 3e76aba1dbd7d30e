import { useSite } from '../../../app/site'
import { Select } from '../../../components/select/select'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { groupByRegion, useLocalAuthorities } from '../../profile/local-authorities'
import { inputFromView, type OpportunityInput } from '../draft'
import { TaskPage, useTask } from '../task-page'

const title = 'Where the work is done'

/**
 * Where asks for the local authority area where the work is done, which
 * decides how local suppliers count as being (local, sub-regional, regional).
 */
export function Where() {
  const { view, initialErrors } = useTask('where')
  const { councilName, councilCode } = useSite()
  const las = useLocalAuthorities()
  const form = useForm({ placeOfDelivery: view.placeOfDelivery }, { fields: { placeOfDelivery: 'Choose the place of delivery from the list' } }, initialErrors)
  const own = las.list.find((la) => la.code === councilCode)

  const build = (): SummaryError[] | OpportunityInput => {
    if (!form.values.placeOfDelivery) return [{ field: 'placeOfDelivery', text: 'Choose where the work will be done' }]
    return { ...inputFromView(view), placeOfDelivery: form.values.placeOfDelivery }
  }

  return (
    <TaskPage task="where" title={title} form={form} build={build} headingInField>
      {las.failed ? (
        <>
          <span className="govuk-caption-l">{view.title}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">Sorry, we cannot show the list of local authorities just now. Try again later.</p>
        </>
      ) : (
        <Select
          id="placeOfDelivery"
          label={title}
          isPageHeading
          labelSize="l"
          hint={`Choose the local authority area where most of the work will be done${
            own ? `. For work across ${councilName || 'the council’s area'}, choose ${own.name}` : ''
          }. Type the first letters of its name to jump to it.`}
          error={form.errors.placeOfDelivery}
          value={form.values.placeOfDelivery}
          onChange={(e) => form.set('placeOfDelivery', e.target.value)}
          options={[
            { value: '', text: 'Choose local authority' },
            ...(own ? [{ value: own.code, text: `${own.name} (the council’s own area)` }] : []),
            ...groupByRegion(las.list.filter((la) => la.code !== councilCode)),
          ]}
        />
      )}
    </TaskPage>
  )
}
