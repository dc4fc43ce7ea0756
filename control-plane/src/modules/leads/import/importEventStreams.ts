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
const finalStatuses = new Set(['completed', 'failed', 'cancelled', 'previewed']);

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

  /** A `progress` event whenever the counters move, then `end` when the import stops; 429 past the user's limit. */
  async serve(auth: AuthContext, initial: LeadImport, req: Request, res: Response): Promise<void> {
    const release = this.perUser.tryAcquire(streamHolder(auth));
    if (!release) {
      throw new AppError('rate_limited', `At most ${this.perUser.max} import progress streams may be open at once per user; close one first`, {
        retryAfterSeconds: 5,
      });
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
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
        if (!row) return finish();
        const payload = JSON.stringify(this.deps.progressOf(row));
        if (payload !== sent) {
          write(`event: progress\ndata: ${payload}\n\n`);
          sent = payload;
        } else if (Date.now() - lastWrite > keepAliveMs) {
          write(': keep-alive\n\n');
        }
        if (finalStatuses.has(row.status)) {
          write(`event: end\ndata: ${JSON.stringify({ status: row.status })}\n\n`);
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
