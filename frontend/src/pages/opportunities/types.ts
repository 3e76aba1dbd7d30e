// The shapes of the public opportunity operations, named by path (as
// api/client.ts does) so that a renamed Go type does not break them.
import type { paths } from '../../api/schema'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never

/** One page of search results, from GET /api/v1/opportunities. */
export type OpportunityResults = Json<paths['/api/v1/opportunities']['get']['responses'][200]>
/** One opportunity in a list of results. */
export type OpportunitySummary = OpportunityResults['items'][number]
/** The query parameters of GET /api/v1/opportunities. */
export type SearchParams = NonNullable<paths['/api/v1/opportunities']['get']['parameters']['query']>
/** An opportunity's page, from GET /api/v1/opportunities/{id}. */
export type OpportunityView = Json<paths['/api/v1/opportunities/{id}']['get']['responses'][200]>
/** One document of an opportunity. */
export type OpportunityDocument = OpportunityView['documents'][number]
/** One published change to an opportunity. */
export type OpportunityAmendment = OpportunityView['amendments'][number]
