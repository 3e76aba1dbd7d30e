import { Route, Routes } from 'react-router'
import { PageNotFound } from '../errors/page-not-found/page-not-found'
import { AlertList } from './alert-list/alert-list'
import { DeleteAlert } from './delete-alert/delete-alert'
import { EditAlert } from './edit-alert/edit-alert'
import { Inbox } from './inbox/inbox'
import { NewAlert } from './new-alert/new-alert'
import { Unsubscribe } from './unsubscribe/unsubscribe'

/** AlertsRoutes lays out the pages under /alerts: the list, creating, changing and deleting an alert. */
export function AlertsRoutes() {
  return (
    <Routes>
      <Route index element={<AlertList />} />
      <Route path="new" element={<NewAlert />} />
      <Route path=":id/edit" element={<EditAlert />} />
      <Route path=":id/delete" element={<DeleteAlert />} />
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}

/** InboxRoutes lays out the pages under /inbox. */
export function InboxRoutes() {
  return (
    <Routes>
      <Route index element={<Inbox />} />
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}

/** UnsubscribeRoutes lays out the page an email's unsubscribe link opens, for anyone, signed in or not. */
export function UnsubscribeRoutes() {
  return (
    <Routes>
      <Route path=":token" element={<Unsubscribe />} />
      <Route path="*" element={<PageNotFound />} />
    </Routes>
  )
}
