// Dynamic purchasing systems: finding and joining one, and running one, loaded together as one chunk.
export { DpsRoutes, DpsApplicationRoutes } from './routes'
