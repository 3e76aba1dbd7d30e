// Whether the person has moved between pages inside the app. On the first page
// focus stays where the browser put it; after a client-side navigation it moves
// to the new page's heading, as a full page load would for a screen reader.
let navigated = false

/** markNavigated records that a client-side navigation has happened. */
export function markNavigated(): void {
  navigated = true
}

/** hasNavigated reports whether a client-side navigation has happened. */
export function hasNavigated(): boolean {
  return navigated
}

/** resetNavigation forgets past navigations (for tests). */
export function resetNavigation(): void {
  navigated = false
}
