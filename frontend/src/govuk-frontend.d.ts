// govuk-frontend ships no TypeScript types; these cover the scripts we start.
declare module 'govuk-frontend/dist/govuk/components/password-input/password-input.mjs' {
  /** Adds the Show/Hide button to a .govuk-password-input root element. */
  export class PasswordInput {
    constructor(root: Element)
  }
}
