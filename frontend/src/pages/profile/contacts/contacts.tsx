import { useEffect, useState } from 'react'
import { Fieldset } from '../../../components/fieldset/fieldset'
import { TextInput } from '../../../components/text-input/text-input'
import { WarningText } from '../../../components/warning-text/warning-text'
import type { SummaryError } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import type { Contact } from '../draft'
import { ukPhoneError } from '../phone'
import { QuestionPage, useQuestion } from '../question'

const title = 'Contact people'
const MAX = 20
const blank: Contact = { name: '', jobTitle: '', email: '', phone: '' }

/**
 * Contacts asks for the people the council can contact, with an "add another"
 * list. Each contact keeps the id it was saved with, so that an unchanged phone
 * number keeps its age: council officers may only call back about bank details
 * on a number that has been on the profile for 30 days.
 */
export function Contacts() {
  const { draft, initialErrors } = useQuestion('contacts')
  const form = useForm({}, {}, initialErrors)
  const [contacts, setContacts] = useState<Contact[]>(draft.contacts.length ? draft.contacts : [blank])
  // The field to focus after adding or removing a contact; n makes a repeat of the same id count.
  const [focus, setFocus] = useState<{ id: string; n: number } | undefined>()
  const [announcement, setAnnouncement] = useState('')

  useEffect(() => {
    if (focus) document.getElementById(focus.id)?.focus()
  }, [focus])

  const set = (i: number, field: keyof Contact, value: string) =>
    setContacts((cs) => cs.map((c, j) => (j === i ? { ...c, [field]: value } : c)))

  const add = () => {
    setContacts((cs) => [...cs, blank])
    setFocus((f) => ({ id: `contacts-${contacts.length}-name`, n: (f?.n ?? 0) + 1 }))
    setAnnouncement(`Contact ${contacts.length + 1} added`)
  }

  const remove = (i: number) => {
    setContacts((cs) => cs.filter((_, j) => j !== i))
    setFocus((f) => ({ id: `contacts-${Math.max(0, i - 1)}-name`, n: (f?.n ?? 0) + 1 }))
    setAnnouncement(`Contact ${i + 1} removed`)
  }

  const check = () => {
    const errors: SummaryError[] = []
    contacts.forEach((c, i) => {
      const n = contacts.length > 1 ? ` for contact ${i + 1}` : ''
      if (!c.name.trim()) errors.push({ field: `contacts-${i}-name`, text: `Enter a name${n}` })
      if (c.email.trim() && !/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(c.email.trim()))
        errors.push({ field: `contacts-${i}-email`, text: `Enter an email address in the correct format, like name@example.com${n}` })
      const phone = c.phone.trim() ? ukPhoneError(c.phone) : `Enter a phone number`
      if (phone) errors.push({ field: `contacts-${i}-phone`, text: `${phone}${n}` })
    })
    return errors.length ? errors : { contacts }
  }

  return (
    <QuestionPage
      section="contacts"
      title={title}
      form={form}
      check={check}
      intro={
        <>
          <p className="govuk-body">The people the council can contact about your organisation. You need at least one.</p>
          <WarningText>
            If someone asks to change your bank details, a council officer calls one of these numbers to check. They only use a number
            that has been here for 30 days, so a new number cannot be used for that straight away.
          </WarningText>
        </>
      }
    >
      <div>
        {contacts.map((c, i) => (
          <div key={i} className="govuk-!-margin-bottom-6">
            <Fieldset legend={`Contact ${i + 1}`} legendSize="m">
              <TextInput
                id={`contacts-${i}-name`}
                label="Full name"
                error={form.errors[`contacts-${i}-name`]}
                autoComplete="off"
                spellCheck={false}
                value={c.name}
                onChange={(e) => set(i, 'name', e.target.value)}
              />
              <TextInput
                id={`contacts-${i}-jobTitle`}
                label="Job title (optional)"
                error={form.errors[`contacts-${i}-jobTitle`]}
                value={c.jobTitle}
                onChange={(e) => set(i, 'jobTitle', e.target.value)}
              />
              <TextInput
                id={`contacts-${i}-email`}
                label="Email address (optional)"
                type="email"
                autoComplete="off"
                spellCheck={false}
                error={form.errors[`contacts-${i}-email`]}
                value={c.email}
                onChange={(e) => set(i, 'email', e.target.value)}
              />
              <TextInput
                id={`contacts-${i}-phone`}
                label="UK phone number"
                hint="For example, 020 7946 0000 or 07700 900 982."
                type="tel"
                autoComplete="off"
                className="govuk-input--width-20"
                error={form.errors[`contacts-${i}-phone`]}
                value={c.phone}
                onChange={(e) => set(i, 'phone', e.target.value)}
              />
            </Fieldset>
            {contacts.length > 1 && (
              <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={() => remove(i)}>
                Remove<span className="govuk-visually-hidden"> contact {i + 1}</span>
              </button>
            )}
          </div>
        ))}
      </div>
      <div className="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {contacts.length < MAX && (
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={add}>
            Add another contact
          </button>
        </div>
      )}
    </QuestionPage>
  )
}
