// The buyer pages (create, edit, publish, amend and cancel opportunities), loaded together as one chunk.
export { BuyingRoutes } from './routes'
