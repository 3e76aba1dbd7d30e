import { useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { useOrganisationId } from '../../../app/require-role'
import { BackLink } from '../../../components/back-link/back-link'
import { Button } from '../../../components/button/button'
import { DateInput } from '../../../components/date-input/date-input'
import { ErrorSummary } from '../../../components/error-summary/error-summary'
import { FileUpload } from '../../../components/file-upload/file-upload'
import { Page } from '../../../components/page/page'
import { Radios } from '../../../components/radios/radios'
import { TextInput } from '../../../components/text-input/text-input'
import { problemToErrors } from '../../../forms/problem'
import { useForm } from '../../../forms/use-form'
import { ServiceProblem } from '../../errors/service-problem/service-problem'
import { ACCEPT, checkCertificate, FIELD, kindName, kinds, locationOnPage, MAX_UPLOAD_BYTES, todayInLondon } from '../certificate'
import { uploadCertificate, type InsuranceNotice } from '../insurance-state'

const title = 'Add an insurance certificate'

// Plain-English messages for the server's technical ones, by field id on this page.
const messages = {
  fields: {
    [FIELD.kind]: 'Select the kind of insurance',
    [FIELD.amount]: 'Enter the amount of cover, like 5,000,000',
    [FIELD.expiry]: 'The expiry date must be a real date',
    [FIELD.file]: 'The certificate must be a PDF, JPG or PNG file',
  },
}

/**
 * AddCertificate uploads one insurance certificate: its kind, the cover in
 * pounds, the expiry date and the document itself.
 */
export function AddCertificate() {
  const navigate = useNavigate()
  const org = useOrganisationId()
  const form = useForm({ kind: '', amount: '', day: '', month: '', year: '' })
  const [file, setFile] = useState<File | undefined>()

  if (form.serviceDown) return <ServiceProblem onRetry={form.retry} />

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    const checked = checkCertificate(form.values, file, todayInLondon())
    if (checked.errors) return form.fail(checked.errors)
    const ok = await form.submit(
      async () => {
        await uploadCertificate(file!, checked.upload, org)
      },
      (err) => {
        // The summary must link to the boxes on this page that show each problem.
        const renamed = {
          ...err.problem,
          errors: err.problem.errors?.map((d) => ({ ...d, location: locationOnPage(d.location) })),
        }
        return problemToErrors(renamed, messages)
      },
    )
    if (ok) {
      const state: InsuranceNotice = { notice: `${kindName(checked.upload.kind)} certificate added` }
      navigate('/insurance', { state })
    }
  }

  return (
    <Page title={title} error={form.summary.length > 0}>
      <BackLink to="/insurance" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} attempt={form.attempt} />
          <h1 className="govuk-heading-l">{title}</h1>
          <form noValidate onSubmit={onSubmit}>
            <Radios
              id={FIELD.kind}
              legend="What kind of insurance is it?"
              legendSize="m"
              error={form.errors[FIELD.kind]}
              items={kinds}
              value={form.values.kind}
              onChange={(v) => form.set('kind', v)}
            />
            <TextInput
              id={FIELD.amount}
              label="Amount of cover"
              labelSize="m"
              hint="The most the policy pays for one claim, as the certificate says. For example, 5,000,000."
              error={form.errors[FIELD.amount]}
              prefix="£"
              inputMode="decimal"
              spellCheck={false}
              className="govuk-input--width-10"
              {...form.bind('amount')}
            />
            <DateInput
              id="expiresOn"
              legend="When does the insurance expire?"
              legendSize="m"
              hint="For example, 31 3 2027"
              error={form.errors[FIELD.expiry]}
              value={{ day: form.values.day, month: form.values.month, year: form.values.year }}
              onChange={(part, v) => form.set(part, v)}
            />
            <FileUpload
              id={FIELD.file}
              label="Upload the certificate"
              labelSize="m"
              hint={`The file must be a PDF, JPG or PNG, and smaller than ${MAX_UPLOAD_BYTES >> 20} MB.`}
              error={form.errors[FIELD.file]}
              accept={ACCEPT}
              onChange={setFile}
            />
            <Button busy={form.submitting}>Add certificate</Button>
          </form>
        </div>
      </div>
    </Page>
  )
}
