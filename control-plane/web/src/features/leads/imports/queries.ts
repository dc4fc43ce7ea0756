import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, dataOf } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/queryKeys';
import type { components } from '@/lib/api/schema';
import { parseCsv } from './csv';

export type LeadImport = components['schemas']['LeadImport'];
export type LeadImportPreview = components['schemas']['LeadImportPreview'];
export type CommitLeadImport = components['schemas']['CommitLeadImport'];

export const finishedStatuses: ReadonlySet<LeadImport['status']> = new Set(['completed', 'failed', 'cancelled']);

export const leadImportQuery = (importId: string) =>
  queryOptions({
    queryKey: queryKeys.leadImports.one(importId),
    queryFn: () => dataOf(api.GET('/api/lead-imports/{importId}', { params: { path: { importId } } })),
  });

export const importHistoryQuery = infiniteQueryOptions({
  queryKey: queryKeys.leadImports.history,
  queryFn: ({ pageParam }) =>
    dataOf(api.GET('/api/lead-imports', { params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } } })),
  initialPageParam: '',
  getNextPageParam: (page) => page.nextCursor ?? undefined,
});

export function commitImport(importId: string, body: CommitLeadImport) {
  return dataOf(api.POST('/api/lead-imports/{importId}/commit', { params: { path: { importId } }, body }));
}

export interface RejectedRow {
  line: number;
  error: string;
  cells: string[];
}

/** The rejected-rows file as the API writes it: `line,error,<the file's columns>`. */
export const rejectedRowsQuery = (importId: string) =>
  queryOptions({
    queryKey: queryKeys.leadImports.rejectedRows(importId),
    queryFn: async () => {
      const text = await dataOf(api.GET('/api/lead-imports/{importId}/rejected.csv', { params: { path: { importId } }, parseAs: 'text' }));
      const [header = [], ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
      const rows: RejectedRow[] = records.map(([line = '', error = '', ...cells]) => ({ line: Number(line), error, cells }));
      return { columns: header.slice(2), rows };
    },
  });

export function cancelImport(importId: string) {
  return dataOf(api.POST('/api/lead-imports/{importId}/cancel', { params: { path: { importId } } }));
}

export function resumeImport(importId: string) {
  return dataOf(api.POST('/api/lead-imports/{importId}/resume', { params: { path: { importId } } }));
}

/** Saves the rejected-rows file under the name the API gives it. */
export async function downloadRejectedRows(importId: string): Promise<void> {
  const blob = await dataOf(api.GET('/api/lead-imports/{importId}/rejected.csv', { params: { path: { importId } }, parseAs: 'blob' }));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `import-${importId}-rejected.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
