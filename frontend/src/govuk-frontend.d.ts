// govuk-frontend ships no TypeScript types; these cover the scripts we start.
declare module 'govuk-frontend/dist/govuk/components/password-input/password-input.mjs' {
  /** Adds the Show/Hide button to a .govuk-password-input root element. */
  export class PasswordInput {
    constructor(root: Element)
  }
}

declare module 'govuk-frontend/dist/govuk/components/service-navigation/service-navigation.mjs' {
  /**
   * Folds a .govuk-service-navigation root's list behind its Menu button below
   * the tablet breakpoint. Throws if the root was started before, if the
   * browser is not supported, or if govuk-frontend's CSS is missing.
   */
  export class ServiceNavigation {
    constructor(root: Element)
  }
}
