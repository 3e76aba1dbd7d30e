// The supplier's own questions, under /supplier/questions. Asking is on the
// opportunity's pages and answering in the buyer's pages; both import from here.
import { Route, Routes } from 'react-router'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { YourQuestions } from './your-questions/your-questions'

/** SupplierQuestionsRoutes lays out the pages under /supplier/questions. */
export function SupplierQuestionsRoutes() {
  return (
    <Routes>
      <Route index element={<YourQuestions />} />
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}
