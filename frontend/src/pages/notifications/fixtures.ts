// Alerts and messages as the API returns them, for the unit tests of these pages.
import type { Alert, Inbox, InboxMessage } from './types'

/** cleaningAlert is an alert with every kind of condition set. */
export const cleaningAlert: Alert = {
  id: '5f0c2a7e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
  name: 'Cleaning in Islington',
  keywords: ['cleaning', 'grounds maintenance'],
  cpvCodes: [
    { code: '90910000-9', name: 'Cleaning services' },
    { code: '77314000-4', name: 'Grounds maintenance services' },
  ],
  localities: ['local', 'sub_regional'],
  procedures: ['open_tender', 'quick_quote'],
  minValuePence: 1_000_000,
  maxValuePence: 10_000_000,
  frequency: 'daily',
  fromProfile: false,
  createdAt: '2026-03-01T09:00:00Z',
}

/** profileAlert is the alert the server makes from the organisation's profile. */
export const profileAlert: Alert = {
  id: '6a1d3b8f-2e3c-4d4e-9f0a-1b2c3d4e5f60',
  name: 'Work matching your profile',
  keywords: [],
  cpvCodes: [{ code: '90910000-9', name: 'Cleaning services' }],
  localities: [],
  procedures: [],
  minValuePence: 0,
  maxValuePence: 0,
  frequency: 'instant',
  fromProfile: true,
  createdAt: '2026-02-01T09:00:00Z',
}

/** message builds an inbox message; unread unless readAt is given. */
export function message(over: Partial<InboxMessage> = {}): InboxMessage {
  return {
    id: 'b1c2d3e4-0000-4000-8000-000000000001',
    kind: 'match',
    title: 'Office cleaning for the town hall',
    body: 'The council wants a cleaning contractor for three buildings.',
    link: '/opportunities/0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
    opportunityId: '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
    alertName: 'Cleaning in Islington',
    createdAt: '2026-03-02T10:05:00Z',
    deadlineChanged: false,
    ...over,
  }
}

/** inbox builds a page of the inbox. */
export function inbox(items: InboxMessage[], over: Partial<Inbox> = {}): Inbox {
  return { items, total: items.length, unread: items.filter((m) => !m.readAt).length, page: 1, pageSize: 20, ...over }
}
