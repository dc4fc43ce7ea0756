import { api, doneOf } from '@/lib/api/client';

/** Deletes a list; its leads stay. */
export function deleteLeadList(listId: string): Promise<void> {
  return doneOf(api.DELETE('/api/lead-lists/{listId}', { params: { path: { listId } } }));
}
