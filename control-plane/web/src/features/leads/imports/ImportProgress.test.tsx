import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LeadImport } from './queries';

const importId = '6f1c1f1e-0000-4000-8000-0000000000aa';
const counters = {
  rowsRead: 0,
  imported: 0,
  updated: 0,
  skipped: 0,
  rejected: 0,
  suppressed: 0,
  duplicates: 0,
  inActiveCampaign: null,
  lastCommittedLine: 1,
};
const queued: LeadImport = {
  id: importId,
  status: 'queued',
  fileName: 'webinar.csv',
  fileSha256: null,
  format: { encoding: 'utf-8', bom: false, delimiter: ',', headerLine: 1, hasHeaderRow: true, headers: ['email', 'name'] },
  mapping: [],
  onExisting: 'skip',
  listId: null,
  verifyAddresses: false,
  progress: counters,
  error: null,
  startedAt: null,
  finishedAt: null,
  createdAt: '2026-12-04T12:00:00.000Z',
  updatedAt: '2026-12-04T12:00:00.000Z',
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

/** A fake control plane: the import as GET answers it, and an event stream the test writes to. */
function fakeServer(options: { eventsStatus?: number; initial?: LeadImport; role?: string } = {}) {
  let current = options.initial ?? queued;
  const encoder = new TextEncoder();
  let push: (chunk: string) => void = () => undefined;
  let close: () => void = () => undefined;
  const paths: string[] = [];
  let opened: () => void = () => undefined;
  const streamOpened = new Promise<void>((resolve) => {
    opened = resolve;
  });
  vi.stubGlobal('fetch', async (request: Request) => {
    const { pathname } = new URL(request.url);
    paths.push(pathname);
    if (pathname === '/api/me' && options.role)
      return json({
        user: { id: 'u', email: 'ada@acme.example', name: 'Ada' },
        organization: { id: 'o', name: 'Acme', role: options.role },
      });
    if (pathname === `/api/lead-imports/${importId}`) return json(current);
    if (pathname === `/api/lead-imports/${importId}/resume` && request.method === 'POST') {
      current = { ...current, status: 'queued', error: null };
      return json(current, 202);
    }
    if (pathname === `/api/lead-imports/${importId}/events`) {
      if (options.eventsStatus)
        return json(
          { type: 'about:blank', title: 'Too Many Requests', status: 429, code: 'rate_limited', detail: 'Close a stream first' },
          options.eventsStatus,
        );
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (chunk) => controller.enqueue(encoder.encode(chunk));
          close = () => controller.close();
          opened();
        },
      });
      return new Response(stream, { headers: { 'Content-Type': 'text/event-stream' } });
    }
    if (pathname === `/api/lead-imports/${importId}/rejected.csv`)
      return new Response('\uFEFFline,error,email,name\r\n7,The email address is not valid,not-an-email,Bad\r\n', {
        headers: { 'Content-Type': 'text/csv' },
      });
    return json({ type: 'about:blank', title: 'Not Found', status: 404, code: 'route_not_found', detail: pathname }, 404);
  });
  return {
    paths,
    streamOpened,
    setImport: (next: LeadImport) => {
      current = next;
    },
    progress: (status: LeadImport['status'], progress: Partial<LeadImport['progress']>) =>
      push(`event: progress\ndata: ${JSON.stringify({ status, progress: { ...counters, ...progress }, error: null })}\n\n`),
    end: (status: LeadImport['status']) => {
      push(`event: end\ndata: ${JSON.stringify({ status, reason: 'The import finished' })}\n\n`);
      close();
    },
  };
}

async function renderProgress() {
  // The API client reads fetch when it is created: load it after the fake server is in place.
  vi.resetModules();
  const { ImportProgress } = await import('./ImportProgress');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <ImportProgress importId={importId} />
    </QueryClientProvider>,
  );
}

const counterText = (text: string) => screen.findByText((_, element) => element?.tagName === 'P' && element.textContent === text);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('an import in progress', () => {
  it("moves every counter with the import's event stream, says rows per second, and shows the rejected rows once it ends", async () => {
    const server = fakeServer();
    await renderProgress();
    expect(await screen.findByText('Queued')).toBeTruthy();
    await server.streamOpened;

    // The page's clock is set for each event, so the rate it shows is known exactly.
    const pageClock = vi.spyOn(performance, 'now').mockReturnValue(10_000);
    server.progress('running', { rowsRead: 1000, imported: 990, rejected: 4, duplicates: 6, lastCommittedLine: 1001 });
    expect(await counterText('990 imported')).toBeTruthy();
    expect(await counterText('4 rejected')).toBeTruthy();
    expect(await counterText('6 duplicates')).toBeTruthy();
    expect(screen.getByText('Importing')).toBeTruthy();

    pageClock.mockReturnValue(11_000);
    server.progress('running', { rowsRead: 3500, imported: 3480, rejected: 5, duplicates: 15, lastCommittedLine: 3501 });
    expect(await counterText('3,480 imported')).toBeTruthy();
    // 2,500 more rows a second later.
    expect(await screen.findByText('3,500 rows read · 2,500 rows/s')).toBeTruthy();
    pageClock.mockRestore();

    server.setImport({
      ...queued,
      status: 'completed',
      progress: { ...counters, rowsRead: 3600, imported: 3579, rejected: 1, duplicates: 20 },
      startedAt: '2026-12-04T12:00:00.000Z',
      finishedAt: '2026-12-04T12:00:02.000Z',
    });
    server.progress('completed', { rowsRead: 3600, imported: 3579, rejected: 1, duplicates: 20 });
    server.end('completed');
    expect(await screen.findByText('Completed')).toBeTruthy();
    expect(await screen.findByText('3,600 rows read · 1,800 rows/s on average')).toBeTruthy();
    const rejected = await screen.findByRole('table', { name: 'Rows not imported' });
    expect(
      within(rejected)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['7', 'The email address is not valid', 'not-an-email']);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('asks for the import every second when its event stream is refused', async () => {
    const server = fakeServer({ eventsStatus: 429 });
    await renderProgress();
    expect(await screen.findByText('Queued')).toBeTruthy();
    server.setImport({ ...queued, status: 'running', progress: { ...counters, rowsRead: 40, imported: 40 } });
    await vi.waitFor(() => expect(screen.getByText('Importing')).toBeTruthy(), { timeout: 2_500 });
    expect(await counterText('40 imported')).toBeTruthy();
    expect(server.paths.filter((path) => path.endsWith('/events'))).toHaveLength(1);
  });

  it('shows why an import failed and lets a member resume it, following it again', async () => {
    const failed: LeadImport = {
      ...queued,
      status: 'failed',
      error: 'Line 12: the database was unreachable',
      progress: { ...counters, rowsRead: 10, imported: 10 },
    };
    const server = fakeServer({ initial: failed, role: 'member' });
    await renderProgress();
    expect((await screen.findByRole('alert')).textContent).toBe('Line 12: the database was unreachable');
    expect(server.paths.filter((path) => path.endsWith('/events'))).toHaveLength(0);
    (await screen.findByRole('button', { name: 'Resume import' })).click();
    expect(await screen.findByText('Queued')).toBeTruthy();
    await server.streamOpened;
    server.progress('running', { rowsRead: 30, imported: 30 });
    expect(await counterText('30 imported')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Resume import' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Stop import' })).toBeTruthy();
  });
});
