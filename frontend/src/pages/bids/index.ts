// The bid pages (a supplier's bid, "Your bids", the opening panel's page), loaded as one chunk.
export { BidsRoutes, SupplierBidsRoutes } from './routes'
