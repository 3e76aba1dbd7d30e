import { api, call, type BankQueueItem } from '../../api/client'
import { notFound, useLoad, type Load } from '../../lib/use-load'

/** What the queue page may be told through navigation state. */
export interface QueueNotice {
  notice?: string
}

/**
 * findQueueItem looks for one change in the officers' queue, page by page. The
 * API has no operation for a single change, and the queue holds only changes
 * not yet in effect, which are few.
 */
export async function findQueueItem(id: string): Promise<BankQueueItem | undefined> {
  for (let page = 1; page <= 50; page++) {
    const q = await call(api.GET('/api/v1/bank-changes', { params: { query: { page, pageSize: 100 } } }))
    const found = q.items.find((i) => i.id === id)
    if (found) return found
    if (page * q.pageSize >= q.total) return undefined
  }
  return undefined
}

/** useQueueItem loads the change with the given id; one not in the queue is not found. */
export function useQueueItem(id: string): Load<BankQueueItem> {
  return useLoad(
    async () => {
      const item = await findQueueItem(id)
      if (!item) throw notFound()
      return item
    },
    [id],
    { missing: 'any' },
  ).load
}
