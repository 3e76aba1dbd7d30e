import type { FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { api, call } from '../../../api/client'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { TextInput } from '../../../components/text-input/text-input'
import { required, useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { draftPath, type OpportunityInput } from '../draft'
import { procedures } from '../labels'

const title = 'Create an opportunity'

const messages = {
  fields: {
    title: 'Enter a title of 200 characters or fewer',
    procedure: 'Choose how suppliers will bid',
  },
}

/**
 * NewOpportunity starts a draft with its title and how suppliers will bid,
 * then goes to the draft's task list.
 */
export function NewOpportunity() {
  const navigate = useNavigate()
  const form = useForm({ title: '', procedure: '' }, messages)

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const missing = required(form.values, {
      title: 'Enter a title that says what the council wants to buy',
      procedure: 'Choose how suppliers will bid',
    })
    if (form.values.title.trim().length > 200) missing.unshift({ field: 'title', text: 'The title must be 200 characters or fewer' })
    if (missing.length) return form.fail(missing)
    let id = ''
    const ok = await form.submit(async () => {
      const body: OpportunityInput = { title: form.values.title.trim(), procedure: form.values.procedure as OpportunityInput['procedure'] }
      const created = await call(api.POST('/api/v1/opportunities', { body }))
      id = created.id
    })
    if (ok) navigate(draftPath(id))
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/buying" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            Start with a title and how suppliers will bid. You can save a draft and come back to it: nobody outside the council sees it
            until you publish it.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <TextInput
              id="title"
              label="Title"
              labelSize="m"
              hint="Say what the council wants to buy in a few words that suppliers would search for, like ‘Window cleaning for libraries’."
              error={form.errors.title}
              {...form.bind('title')}
            />
            <Radios
              id="procedure"
              legend="How will suppliers bid?"
              legendSize="m"
              error={form.errors.procedure}
              items={procedures}
              value={form.values.procedure}
              onChange={(v) => form.set('procedure', v)}
            />
            <Button busy={form.submitting}>Create draft</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
