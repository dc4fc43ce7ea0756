import type { LeadImport } from '../../../generated/prisma/client.js';
import type { Logger } from '../../../lib/logger.js';

/** Receives the import's row at every tick (undefined once it no longer exists). */
type Subscriber = (row: LeadImport | undefined) => void;

interface Feed {
  subscribers: Set<Subscriber>;
  timer: NodeJS.Timeout;
  reading: boolean;
}

/**
 * The progress of running imports for their server-sent-event streams: one poller per import,
 * however many browser tabs watch it, re-reads the import's row every interval and hands it to each
 * stream. A row read is a primary-key lookup; LISTEN/NOTIFY would hold a database connection per
 * server and cost a notification per committed batch for no gain at this rate.
 */
export class ImportProgressFeed {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly deps: {
      read: (organizationId: string, importId: string) => Promise<LeadImport | null>;
      intervalMs: number;
      logger: Logger;
    },
  ) {}

  /** Starts handing the import's row to `subscriber` at every tick; the returned function stops it. */
  subscribe(organizationId: string, importId: string, subscriber: Subscriber): () => void {
    const key = `${organizationId}:${importId}`;
    let feed = this.feeds.get(key);
    if (!feed) {
      const created: Feed = {
        subscribers: new Set(),
        reading: false,
        timer: setInterval(() => void this.poll(created, organizationId, importId), this.deps.intervalMs),
      };
      created.timer.unref();
      this.feeds.set(key, created);
      feed = created;
    }
    const current = feed;
    current.subscribers.add(subscriber);
    return () => {
      current.subscribers.delete(subscriber);
      if (current.subscribers.size === 0 && this.feeds.get(key) === current) {
        clearInterval(current.timer);
        this.feeds.delete(key);
      }
    };
  }

  /** How many imports are being polled (one poller each). */
  get polledImports(): number {
    return this.feeds.size;
  }

  private async poll(feed: Feed, organizationId: string, importId: string): Promise<void> {
    // A slow read never overlaps the next tick.
    if (feed.reading) return;
    feed.reading = true;
    try {
      const row = (await this.deps.read(organizationId, importId)) ?? undefined;
      for (const subscriber of [...feed.subscribers]) subscriber(row);
    } catch (error) {
      this.deps.logger.warn({ err: error, importId }, 'import progress feed: read failed; retrying at the next tick');
    } finally {
      feed.reading = false;
    }
  }
}
