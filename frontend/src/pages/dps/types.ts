// The shapes of the DPS operations, named by path (as api/client.ts does) so
// that a renamed Go type does not break them.
import type { paths } from '../../api/schema'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never

/** A DPS (or dynamic market) as GET /api/v1/dps/{id} returns it. */
export type Dps = Json<paths['/api/v1/dps/{id}']['get']['responses'][200]>
/** A whole DPS as POST /api/v1/dps and PUT /api/v1/dps/{id} take it. */
export type DpsInput = NonNullable<paths['/api/v1/dps']['post']['requestBody']>['content']['application/json']
/** A category of a DPS, with how many suppliers are admitted to it. */
export type Category = Dps['categories'][number]
/** A question of a DPS's selection questionnaire. */
export type Question = Dps['questions'][number]
/** A category as the buyer saves it. */
export type CategoryInput = NonNullable<DpsInput['categories']>[number]
/** A question as the buyer saves it. */
export type QuestionInput = NonNullable<DpsInput['questions']>[number]
/** A supplier's application, its answers and its decisions. */
export type Application = Json<paths['/api/v1/dps-applications/{id}']['get']['responses'][200]>
/** One question of an application, with its answer. */
export type Answer = Application['answers'][number]
/** One category applied for, and what became of it. */
export type CategoryDecision = Application['categories'][number]
/** One application waiting for a decision, with how soon it is due. */
export type QueueItem = Json<paths['/api/v1/dps-queue']['get']['responses'][200]>['items'][number]
/** One decision as POST /api/v1/dps-applications/{id}/decision takes it. */
export type DecisionInput = NonNullable<
  NonNullable<paths['/api/v1/dps-applications/{id}/decision']['post']['requestBody']>['content']['application/json']['decisions']
>[number]
/** What changing a member's place in a category does. */
export type MembershipAction = NonNullable<
  paths['/api/v1/dps-applications/{id}/categories/{categoryId}/membership']['post']['requestBody']
>['content']['application/json']['action']
/** The DPS and categories a call for competition is for, with warnings. */
export type Call = Json<paths['/api/v1/opportunities/{id}/dps-call']['get']['responses'][200]>
/** An opportunity as GET /api/v1/opportunities/{id} returns it. */
export type Opportunity = Json<paths['/api/v1/opportunities/{id}']['get']['responses'][200]>
