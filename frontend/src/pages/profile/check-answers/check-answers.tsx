import { useState, type FormEvent, type MouseEvent, type ReactNode } from 'react'
import { Link, Navigate, useNavigate } from 'react-router'
import { api, callWithResponse } from '../../../api/client'
import { Button } from '../../../components/button/button'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { Page } from '../../../components/page/page'
import { SummaryList, type SummaryRow } from '../../../components/summary-list/summary-list'
import { problemToErrors, type FieldErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { inputFromDraft, numbersFor, otherAccreditationList, type Draft } from '../draft'
import { useLocalAuthorities } from '../local-authorities'
import { etagOf, useProfile } from '../profile-state'
import { CAPTION } from '../question'
import { fieldForProblem, sectionAnswered, sectionOfField, sectionPath, sections, type SectionKey } from '../sections'
import { legalFormLabel } from '../../../lib/labels'

const title = 'Check your answers before saving your profile'

// Plain-English messages for fields whose server message is a validator's.
const fieldMessages: Record<string, string> = {
  postcode: 'Enter a real postcode, like N1 9GU',
  localAuthorityCode: 'Choose your local authority from the list',
  legalForm: 'Select what type of organisation it is',
}

/** The message shown when someone else saved the profile first, if the server gives none. */
export const CONFLICT_MESSAGE =
  'Someone else changed this profile while you were editing it. Reload the page to see their changes, then make yours again.'

function lines(...parts: string[]): ReactNode {
  const shown = parts.filter((p) => p.trim())
  return shown.map((p, i) => (
    <span key={i}>
      {i > 0 && <br />}
      {p}
    </span>
  ))
}

function none(text = 'None') {
  return <span className="app-secondary-text">{text}</span>
}

function rows(key: SectionKey, d: Draft, laName: string): SummaryRow[] {
  const change = sectionPath(key, true)
  const row = (k: string, value: ReactNode, changeLabel?: string): SummaryRow => ({ key: k, value, changeTo: change, changeLabel })
  switch (key) {
    case 'organisation-details': {
      const n = numbersFor(d.legalForm)
      return [
        row('Type of organisation', legalFormLabel(d.legalForm)),
        row('Legal name', d.legalName),
        row('Trading name', d.tradingName || none()),
        ...(n.companiesHouse ? [row('Companies House number', d.companiesHouseNumber)] : []),
        ...(n.charity
          ? [row('Charity number', d.charityNumber || none()), row('Scottish charity number', d.oscrNumber || none())]
          : []),
        ...(n.fca ? [row('FCA Mutuals Public Register number', d.fcaNumber)] : []),
        row('VAT registration number', d.vatNumber || none('Not registered for VAT')),
      ]
    }
    case 'address':
      return [
        row('Registered address', lines(d.addressLine1, d.addressLine2, d.town, d.postcode.toUpperCase())),
        row('Local authority', laName),
      ]
    case 'size':
      return [row('Number of staff', d.staffCount), row('Turnover in your last financial year', `£${d.turnover}`, 'turnover')]
    case 'what-you-do':
      return [
        row('What your organisation does', <span className="app-pre-line">{d.description}</span>, 'description'),
        row('Employee-owned', d.employeeOwned === 'yes' ? 'Yes' : 'No'),
        row('Social enterprise', d.socialEnterprise === 'yes' ? 'Yes' : 'No'),
        row('Asset lock', d.assetLock === 'yes' ? 'Yes' : 'No'),
      ]
    case 'kinds-of-work':
      return [
        row(
          'Kinds of work',
          <ul className="govuk-list">
            {d.cpv.map((c) => (
              <li key={c.code}>
                {c.description} <span className="app-cpv-code">{c.code}</span>
              </li>
            ))}
          </ul>,
        ),
      ]
    case 'accreditations': {
      const all = [...d.accreditations, ...otherAccreditationList(d.otherAccreditations)]
      return [
        row(
          'Accreditations',
          all.length ? (
            <ul className="govuk-list">
              {all.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          ) : (
            none()
          ),
        ),
      ]
    }
    case 'contacts':
      return d.contacts.map((c, i) =>
        row(
          `Contact ${i + 1}`,
          lines(c.name, c.jobTitle, c.email, c.phone),
          `contact ${i + 1}`,
        ),
      )
  }
}

/**
 * CheckAnswers shows every answer with a Change link, then saves the whole
 * profile with If-Match set to the ETag the answers started from. If someone
 * else saved in between, the server answers 412 and nothing is written: the
 * page says so and offers to reload their version.
 */
export function CheckAnswers() {
  const profile = useProfile()
  const navigate = useNavigate()
  const form = useForm({})
  const las = useLocalAuthorities()
  const [conflict, setConflict] = useState(false)
  const d = profile.draft

  const unanswered = sections.find((s) => !sectionAnswered(s.key, d))
  if (unanswered) return <Navigate to={sectionPath(unanswered.key)} replace />
  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const laName =
    las.list.find((la) => la.code === d.localAuthorityCode)?.name ??
    (profile.view.localAuthorityCode === d.localAuthorityCode ? profile.view.localAuthority : d.localAuthorityCode)

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await form.submit(
      async () => {
        const { data, response } = await callWithResponse(
          api.PUT('/api/v1/supplier/profile', {
            params: { query: { organisationId: profile.view.organisationId }, header: { 'If-Match': profile.etag } },
            body: inputFromDraft(d),
          }),
        )
        profile.saved(data, etagOf(response, data))
      },
      (err) => {
        if (err.status === 412) {
          setConflict(true)
          return { summary: [{ text: err.problem.detail || CONFLICT_MESSAGE }] }
        }
        setConflict(false)
        const { fields, summary } = problemToErrors(err.problem, { fields: fieldMessages })
        const shown: FieldErrors = {}
        for (const [id, text] of Object.entries(fields)) {
          const f = fieldForProblem(id)
          if (!(f in shown)) shown[f] = text
        }
        profile.setServerErrors(shown)
        return {
          summary: summary.map((s) => {
            const section = s.field ? sectionOfField(fieldForProblem(s.field)) : undefined
            return section ? { text: s.text, to: sectionPath(section.key, true) } : { text: s.text }
          }),
        }
      },
    )
    if (ok) navigate('/profile/classification', { state: { saved: true } })
  }

  const reload = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault()
    await profile.reload()
    navigate('/profile', { state: { notice: 'We have loaded the latest version of your profile. Make your changes again.' } })
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt}>
            {conflict && (
              <p className="govuk-body">
                <Link className="govuk-link" to="/profile" onClick={(e) => void reload(e)}>
                  Reload the profile
                </Link>{' '}
                to see the latest version. The answers on this page will not be kept, so note any you want to give again.
              </p>
            )}
          </ErrorSummary>
          <span className="govuk-caption-l">{CAPTION}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          {sections.map((s) => (
            <div key={s.key}>
              <h2 className="govuk-heading-m">{s.title}</h2>
              <SummaryList className="govuk-!-margin-bottom-9" rows={rows(s.key, d, laName)} />
            </div>
          ))}
          <h2 className="govuk-heading-m">Now save your profile</h2>
          <p className="govuk-body">
            Council buyers will see these details. We will work out your organisation’s size, whether it is a VCSE and how local it is,
            and show you why.
          </p>
          <form noValidate onSubmit={onSubmit}>
            <Button busy={form.submitting}>Save profile</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
