import { Link } from 'react-router'
import { Radios } from '../../../components/radios/radios'
import { Textarea } from '../../../components/textarea/textarea'
import { TextInput } from '../../../components/text-input/text-input'
import type { SummaryError } from '../../../forms/problem'
import { required, useForm } from '../../../forms/use-form'
import { inputFromView, type OpportunityInput } from '../draft'
import { procedures } from '../labels'
import { TaskPage, useTask } from '../task-page'

const title = 'About the work'

/** The longest each field may be, as the API allows. */
export const LIMITS = { title: 200, summary: 1000, description: 20000 }

const messages = {
  fields: {
    title: `Enter a title of ${LIMITS.title} characters or fewer`,
    summary: `The summary must be ${LIMITS.summary} characters or fewer`,
    description: `The description must be ${LIMITS.description.toLocaleString('en-GB')} characters or fewer`,
    procedure: 'Choose how suppliers will bid',
    contactEmail: 'Enter an email address in the correct format, like procurement@example.gov.uk',
  },
}

/** AboutTheWork asks for the title, a plain-English summary, the full description and how suppliers will bid. */
export function AboutTheWork() {
  const { view, initialErrors } = useTask('about')
  const form = useForm(
    { title: view.title, summary: view.summary, description: view.description, procedure: view.procedure, contactEmail: view.contactEmail ?? '' },
    messages,
    initialErrors,
  )
  const v = form.values

  const build = (): SummaryError[] | OpportunityInput => {
    const errors = required(v, {
      title: 'Enter a title that says what the council wants to buy',
      summary: 'Enter a summary in plain English of what the council wants',
      description: 'Enter a full description of the work',
      procedure: 'Choose how suppliers will bid',
    })
    for (const [field, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
      if ([...v[field]].length > max && !errors.some((e) => e.field === field)) {
        errors.push({ field, text: messages.fields[field] })
      }
    }
    const email = v.contactEmail.trim()
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'contactEmail', text: messages.fields.contactEmail })
    if (errors.length) return errors
    return {
      ...inputFromView(view),
      title: v.title.trim(),
      summary: v.summary.trim(),
      description: v.description.trim(),
      procedure: v.procedure as OpportunityInput['procedure'],
      contactEmail: email,
    }
  }

  return (
    <TaskPage task="about" title={title} form={form} build={build} messages={messages}>
      <TextInput
        id="title"
        label="Title"
        labelSize="m"
        hint="A few words suppliers would search for, like ‘Window cleaning for libraries’."
        error={form.errors.title}
        {...form.bind('title')}
      />
      <Textarea
        id="summary"
        label="Summary"
        labelSize="m"
        hint={
          <>
            What the council wants, in a few sentences of plain English. Suppliers see it in search results and alert emails. Avoid
            jargon; if you must use a term like ‘DPS’, the{' '}
            <Link className="govuk-link" to="/glossary">
              glossary
            </Link>{' '}
            explains it.
          </>
        }
        error={form.errors.summary}
        maxLength={LIMITS.summary}
        rows={4}
        value={v.summary}
        onChange={(e) => form.set('summary', e.target.value)}
      />
      <Textarea
        id="description"
        label="Full description"
        labelSize="m"
        hint="Everything a supplier needs to decide whether to bid: the work, where and when, what you expect, and how the contract will be managed."
        error={form.errors.description}
        maxLength={LIMITS.description}
        rows={10}
        value={v.description}
        onChange={(e) => form.set('description', e.target.value)}
      />
      <Radios
        id="procedure"
        legend="How will suppliers bid?"
        legendSize="m"
        error={form.errors.procedure}
        items={procedures}
        value={v.procedure}
        onChange={(p) => form.set('procedure', p)}
      />
      <TextInput
        id="contactEmail"
        label="Who can suppliers contact about it? (optional)"
        labelSize="m"
        hint="An email address shown with the opportunity, for suppliers’ questions about taking part. Questions about the work itself go through the portal, so every supplier sees the answer. Leave it empty to show the procurement team’s address."
        type="email"
        autoComplete="off"
        spellCheck={false}
        error={form.errors.contactEmail}
        {...form.bind('contactEmail')}
      />
    </TaskPage>
  )
}
