// The public opportunity pages (search, an opportunity, the pipeline), loaded together as one chunk.
export { OpportunitiesRoutes } from './routes'
