// The shapes of the alert, inbox, interest and unsubscribe operations, named by
// path (as api/client.ts does) so that a renamed Go type does not break them.
import type { paths } from '../../api/schema'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never

/** One of the person's alerts, from GET /api/v1/alerts/{id}. */
export type Alert = Json<paths['/api/v1/alerts/{id}']['get']['responses'][200]>
/** An alert as POST /api/v1/alerts and PUT /api/v1/alerts/{id} take it. */
export type AlertInput = NonNullable<paths['/api/v1/alerts']['post']['requestBody']>['content']['application/json']
/** One page of the inbox with the unread count, from GET /api/v1/notifications. */
export type Inbox = Json<paths['/api/v1/notifications']['get']['responses'][200]>
/** One message in the inbox. */
export type InboxMessage = Inbox['items'][number]
/** Whether the person registered interest in an opportunity. */
export type Interest = Json<paths['/api/v1/opportunities/{id}/interest']['get']['responses'][200]>
/** What an unsubscribe link stops, and whether it has been stopped. */
export type Unsubscription = Json<paths['/api/v1/unsubscribe/{token}']['get']['responses'][200]>
