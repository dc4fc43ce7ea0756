import type { Request, Response } from 'express';
import type { Logger } from '../logger.js';

type Listener<T> = (snapshot: T) => void;

interface Watch<T> {
  listeners: Set<Listener<T>>;
  timer: NodeJS.Timeout;
  last: string;
  polling: boolean;
}

/**
 * Live snapshots for server-sent events. One poller per watched key (a campaign, an organization's
 * inbox), however many clients watch it, re-reads a small snapshot every interval and pushes it only
 * when it changed. Polling a small read rather than LISTEN/NOTIFY keeps a database connection per
 * server free and costs nothing per event at high send rates.
 */
export class ChangeStream<T> {
  private readonly watches = new Map<string, Watch<T>>();

  constructor(private readonly deps: { intervalMs: number; logger: Logger; name: string }) {}

  /** Starts pushing `read()`'s result to `listener` whenever it changes; the returned function stops it. */
  watch(key: string, initial: T, read: () => Promise<T>, listener: Listener<T>): () => void {
    let watch = this.watches.get(key);
    if (!watch) {
      const created: Watch<T> = {
        listeners: new Set(),
        last: JSON.stringify(initial),
        polling: false,
        timer: setInterval(() => void this.poll(created, read), this.deps.intervalMs),
      };
      created.timer.unref();
      this.watches.set(key, created);
      watch = created;
    }
    const current = watch;
    current.listeners.add(listener);
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        clearInterval(current.timer);
        this.watches.delete(key);
      }
    };
  }

  get watchedKeys(): number {
    return this.watches.size;
  }

  private async poll(watch: Watch<T>, read: () => Promise<T>): Promise<void> {
    // A slow read never overlaps the next tick.
    if (watch.polling) return;
    watch.polling = true;
    try {
      const snapshot = await read();
      const serialized = JSON.stringify(snapshot);
      if (serialized === watch.last) return;
      watch.last = serialized;
      for (const listener of watch.listeners) listener(snapshot);
    } catch (error) {
      this.deps.logger.warn({ err: error }, `${this.deps.name} stream: read failed; retrying at the next tick`);
    } finally {
      watch.polling = false;
    }
  }
}

const heartbeatMs = 15_000;

/**
 * Answers with a text/event-stream: `event` with the initial snapshot now, then with each one the
 * stream pushes for `key`, and a comment every 15 s so proxies keep the connection. Read the initial
 * snapshot before calling, so a 404 is still answered as a problem.
 */
export function serveChangeStream<T>(
  req: Request,
  res: Response,
  options: { stream: ChangeStream<T>; key: string; event: string; initial: T; read: () => Promise<T> },
): void {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  const push = (snapshot: T) => res.write(`event: ${options.event}\ndata: ${JSON.stringify(snapshot)}\n\n`);
  res.write('retry: 5000\n\n');
  push(options.initial);
  const stop = options.stream.watch(options.key, options.initial, options.read, push);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
  heartbeat.unref();
  req.on('close', () => {
    clearInterval(heartbeat);
    stop();
  });
}
