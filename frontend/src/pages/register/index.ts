// The registration journey's pages, loaded together as one chunk.
export { RegistrationLayout } from './registration'
export { OrganisationName } from './organisation-name/organisation-name'
export { LegalForm } from './legal-form/legal-form'
export { YourName } from './your-name/your-name'
export { Email } from './email/email'
export { Password } from './password/password'
export { CheckAnswers } from './check-answers/check-answers'
export { CheckYourEmail } from './check-your-email/check-your-email'
