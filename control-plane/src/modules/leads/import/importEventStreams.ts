/**
 * GET /api/lead-imports/:importId/events: progress as server-sent events. Streams share one poller
 * per import (importProgressFeed.ts), and each user may hold a bounded number open at once.
 */
import type { Request, Response } from 'express';
import type { LeadImport } from '../../../generated/prisma/client.js';
import { ConcurrencyLimit } from '../../../lib/concurrencyLimit.js';
import { AppError } from '../../../lib/errors.js';
import type { AuthContext } from '../../../lib/http/route.js';
import type { ImportProgressFeed } from './importProgressFeed.js';

const keepAliveMs = 15_000;

/**
 * Why a stream ends, said in its `end` event. A previewed import is still waiting for its commit, so
 * a stream opened before the commit stays open through it (an abandoned preview ends as cancelled
 * when it expires).
 */
function endReason(row: LeadImport): string | undefined {
  switch (row.status) {
    case 'completed':
      return 'The import finished';
    case 'failed':
      return `The import failed${row.error ? `: ${row.error}` : ''}; POST /api/lead-imports/${row.id}/resume continues it, and a new stream follows it`;
    case 'cancelled':
      return row.error ?? 'The import was cancelled';
    default:
      return undefined;
  }
}

/** Who holds a stream: the user, or the API key for key-authenticated calls. */
const streamHolder = (auth: AuthContext) => (auth.userId ? `user:${auth.userId}` : `key:${auth.apiKeyId ?? auth.organizationId}`);

export class ImportEventStreams {
  private readonly perUser: ConcurrencyLimit;

  constructor(
    private readonly deps: {
      feed: ImportProgressFeed;
      streamsPerUser: number;
      /** The `{ status, progress, error }` a progress event carries. */
      progressOf: (row: LeadImport) => unknown;
    },
  ) {
    this.perUser = new ConcurrencyLimit(deps.streamsPerUser);
  }

  /**
   * A `progress` event whenever the status or counters move (from the preview through the commit to
   * the last batch), then `end` with the final status and why; 429 past the user's limit.
   */
  async serve(auth: AuthContext, initial: LeadImport, req: Request, res: Response): Promise<void> {
    const release = this.perUser.tryAcquire(streamHolder(auth));
    if (!release) {
      throw new AppError(
        'rate_limited',
        `At most ${this.perUser.max} import progress streams may be open at once per user; close one first`,
        {
          retryAfterSeconds: 5,
        },
      );
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    let sent = '';
    let lastWrite = Date.now();
    const write = (chunk: string) => {
      res.write(chunk);
      lastWrite = Date.now();
    };
    await new Promise<void>((resolve) => {
      let unsubscribe: (() => void) | undefined;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        unsubscribe?.();
        release();
        resolve();
      };
      const push = (row: LeadImport | undefined) => {
        if (!row) {
          write(`event: end\ndata: ${JSON.stringify({ status: null, reason: 'The import no longer exists' })}\n\n`);
          return finish();
        }
        const payload = JSON.stringify(this.deps.progressOf(row));
        if (payload !== sent) {
          write(`event: progress\ndata: ${payload}\n\n`);
          sent = payload;
        } else if (Date.now() - lastWrite > keepAliveMs) {
          write(': keep-alive\n\n');
        }
        const reason = endReason(row);
        if (reason !== undefined) {
          write(`event: end\ndata: ${JSON.stringify({ status: row.status, reason })}\n\n`);
          finish();
        }
      };
      req.on('close', finish);
      push(initial);
      if (!finished) unsubscribe = this.deps.feed.subscribe(initial.organizationId, initial.id, push);
    });
    res.end();
  }
}
