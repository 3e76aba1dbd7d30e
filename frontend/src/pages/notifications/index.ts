// A supplier's alerts and inbox, and unsubscribing from an email, loaded together as one chunk.
export { AlertsRoutes, InboxRoutes, UnsubscribeRoutes } from './routes'
