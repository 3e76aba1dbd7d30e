// "Acting for": for a supplier who belongs to several organisations, which one
// the pages act for (profile, alerts, interest, questions), and a way to change it.
import { useState, type FormEvent } from 'react'
import type { Me } from '../../api/client'
import { chooseOrganisation } from '../../app/acting-for'
import { useOrganisationId } from '../../app/require-role'

/**
 * ActingFor shows which organisation a supplier in several acts for, with a
 * select to change it; for anyone else it shows nothing.
 */
export function ActingFor({ me }: { me: Me | undefined }) {
  const current = useOrganisationId()
  const orgs = me?.role === 'supplier' ? (me.organisations ?? []) : []
  // Nothing picked yet is the one acted for now (the session may arrive after the first render).
  const [picked, setPicked] = useState('')
  if (orgs.length < 2) return null
  const value = picked || current || ''
  const submit = (e: FormEvent) => {
    e.preventDefault()
    chooseOrganisation(value)
  }
  return (
    <form className="app-acting-for govuk-!-margin-top-3" onSubmit={submit} aria-label="Which organisation you act for">
      <div className="govuk-form-group govuk-!-margin-bottom-0">
        <label className="govuk-label govuk-!-display-inline-block govuk-!-margin-right-2" htmlFor="acting-for">
          Acting for
        </label>
        <select className="govuk-select govuk-!-margin-right-2" id="acting-for" value={value} onChange={(e) => setPicked(e.target.value)}>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
          Change
        </button>
      </div>
    </form>
  )
}
