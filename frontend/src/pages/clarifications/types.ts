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
/** What is late on an opportunity and the offer to extend, from GET /api/v1/opportunities/{id}/late-answers. */
export type LateAnswers = Json<paths['/api/v1/opportunities/{id}/late-answers']['get']['responses'][200]>
/** The council's decision when answers are late. */
export type LateDecisionInput = NonNullable<paths['/api/v1/opportunities/{id}/late-answers/decision']['post']['requestBody']>['content']['application/json']
/** A clarification the council publishes without being asked. */
export type ClarificationInput = NonNullable<paths['/api/v1/opportunities/{id}/clarifications']['post']['requestBody']>['content']['application/json']

/** A document attached to an answer, as the API gives it. */
export type ClarificationDocument = PublishedAnswer['documents'][number]
