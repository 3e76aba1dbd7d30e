// The supplier's "Your questions", loaded as one chunk.
export { SupplierQuestionsRoutes } from './routes'
