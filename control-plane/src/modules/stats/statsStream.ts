import type { Logger } from '../../lib/logger.js';
import type { CampaignStats } from './campaignStats.service.js';

type Listener = (stats: CampaignStats) => void;

interface Watch {
  listeners: Set<Listener>;
  timer: NodeJS.Timeout;
  last: string;
  polling: boolean;
}

/**
 * Live campaign statistics for server-sent events. One poller per watched campaign, however many
 * clients watch it, re-reads the pre-aggregated stats (a few hundred rows at most) every interval
 * and pushes them only when they changed. Polling the aggregate rather than LISTEN/NOTIFY keeps
 * a database connection per server free and costs nothing per event at high send rates.
 */
export class StatsStream {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly deps: { intervalMs: number; logger: Logger }) {}

  /** Starts pushing `read()`'s result to `listener` whenever it changes; the returned function stops it. */
  watch(campaignId: string, initial: CampaignStats, read: () => Promise<CampaignStats>, listener: Listener): () => void {
    let watch = this.watches.get(campaignId);
    if (!watch) {
      const created: Watch = {
        listeners: new Set(),
        last: JSON.stringify(initial),
        polling: false,
        timer: setInterval(() => void this.poll(created, read), this.deps.intervalMs),
      };
      created.timer.unref();
      this.watches.set(campaignId, created);
      watch = created;
    }
    const current = watch;
    current.listeners.add(listener);
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        clearInterval(current.timer);
        this.watches.delete(campaignId);
      }
    };
  }

  get watchedCampaigns(): number {
    return this.watches.size;
  }

  private async poll(watch: Watch, read: () => Promise<CampaignStats>): Promise<void> {
    // A slow read never overlaps the next tick.
    if (watch.polling) return;
    watch.polling = true;
    try {
      const stats = await read();
      const serialized = JSON.stringify(stats);
      if (serialized === watch.last) return;
      watch.last = serialized;
      for (const listener of watch.listeners) listener(stats);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'campaign stats stream: read failed; retrying at the next tick');
    } finally {
      watch.polling = false;
    }
  }
}
