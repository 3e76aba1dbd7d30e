// The shapes of the clarification operations, named by path (as api/client.ts
// does) so that a renamed Go type does not break them.
import type { paths } from '../../api/schema'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never

/** The answers published to everyone on an opportunity, from GET /api/v1/opportunities/{id}/questions. */
export type PublishedAnswers = Json<paths['/api/v1/opportunities/{id}/questions']['get']['responses'][200]>
/** One answer as everyone sees it: numbered and dated, naming no asker. */
export type PublishedAnswer = PublishedAnswers['items'][number]
/** A question as the organisation that asked it sees it. */
export type SupplierQuestion = Json<paths['/api/v1/opportunities/{id}/questions']['post']['responses'][201]>
/** A question as the council sees it, with who asked. */
export type CouncilQuestion = Json<paths['/api/v1/questions/{id}']['get']['responses'][200]>
/** A question as a supplier asks it. */
export type AskInput = NonNullable<paths['/api/v1/opportunities/{id}/questions']['post']['requestBody']>['content']['application/json']
