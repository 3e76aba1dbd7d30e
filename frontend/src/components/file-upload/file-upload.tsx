import type { ReactNode } from 'react'
import { describedBy, ErrorMessage } from '../error-message/error-message'
import { Hint } from '../hint/hint'
import { Label } from '../label/label'

/** Props for FileUpload. */
export interface FileUploadProps {
  id: string
  name?: string
  label: ReactNode
  labelSize?: 'xl' | 'l' | 'm' | 's'
  hint?: ReactNode
  error?: string
  /** File types the browser's picker offers first, such as ".pdf,application/pdf"; the server still checks. */
  accept?: string
  onChange: (file: File | undefined) => void
}

/**
 * FileUpload is the GOV.UK file upload, one file at a time. It is uncontrolled
 * (a browser cannot be told which file to show), so the page keeps the File.
 */
export function FileUpload({ id, name = id, label, labelSize, hint, error, accept, onChange }: FileUploadProps) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label htmlFor={id} size={labelSize}>
        {label}
      </Label>
      <Hint fieldId={id}>{hint}</Hint>
      <ErrorMessage fieldId={id}>{error}</ErrorMessage>
      <input
        className={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
        id={id}
        name={name}
        type="file"
        accept={accept}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.files?.[0])}
      />
    </div>
  )
}
