// Where the account settings live and what a settings page tells the next one.

/** SETTINGS_PATH is the account settings page; the other settings pages sit under it. */
export const SETTINGS_PATH = '/account/settings'

/** The location state a settings page leaves for the settings page after a change. */
export interface SettingsNotice {
  notice?: string
}
