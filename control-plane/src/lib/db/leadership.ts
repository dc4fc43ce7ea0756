/**
 * Leadership among control-plane replicas sharing one database: the replica holding a session-level
 * PostgreSQL advisory lock runs the periodic jobs (reconciler, import upkeep, webhook deliveries,
 * mailbox health sweep), the others stand by. The lock lives on a dedicated connection, so it is
 * released the moment the leader's process or connection dies; the followers try for it every few
 * seconds and the first to get it starts the jobs (docs/scaling.md, "Control-plane replicas").
 */
import pg from 'pg';
import { pgConnectionOptions } from './connectionOptions.js';

/** What the leader runs: started when this replica becomes leader, stopped when it stops being one. */
export interface LeaderJob {
  name: string;
  start(): void;
  stop(): void | Promise<void>;
}

export interface LeadershipOptions {
  databaseUrl: string;
  /** The advisory lock's key; replicas of one deployment share it. */
  lockKey: bigint;
  /** How often a follower tries for the lock, and how often the leader checks its connection still holds it. */
  checkIntervalMs: number;
  jobs: LeaderJob[];
  log: (event: { change: 'gained' | 'lost' | 'released'; reason?: string }) => void;
}

/** The platform's one leadership lock: the bytes of "ophirldr" as a signed 64-bit key. */
export const controlPlaneLeaderLockKey = 0x6f706869726c6472n;

export class Leadership {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private stopped = false;

  constructor(private readonly options: LeadershipOptions) {}

  get isLeader(): boolean {
    return this.client !== undefined;
  }

  /** Tries for the lock now, then keeps trying (or keeps checking it still holds it) until stop(). */
  start(): Promise<void> {
    this.stopped = false;
    return this.tick();
  }

  /** Stops the jobs and gives the lock up at once, so a follower takes over without waiting for a timeout. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.client) await this.resign('released');
  }

  private async tick(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      if (this.client) await this.confirm();
      else await this.contend();
    } finally {
      this.checking = false;
      if (!this.stopped) {
        this.timer = setTimeout(() => void this.tick(), this.options.checkIntervalMs);
        this.timer.unref();
      }
    }
  }

  private async contend(): Promise<void> {
    const client = new pg.Client({
      ...pgConnectionOptions(this.options.databaseUrl),
      application_name: 'ophir-leadership',
      keepAlive: true,
      // A leader whose database went away must notice within a few checks, not wait on TCP.
      query_timeout: Math.max(this.options.checkIntervalMs, 1000),
    });
    // A connection that fails while held is noticed by the next confirm(); the listener keeps the error from crashing the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS acquired', [
        this.options.lockKey.toString(),
      ]);
      if (!rows[0]?.acquired) {
        await client.end();
        return;
      }
    } catch {
      await client.end().catch(() => undefined);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.options.log({ change: 'gained' });
    for (const job of this.options.jobs) job.start();
  }

  /** The lock is held as long as its session lives: one round trip on that session says whether it still does. */
  private async confirm(): Promise<void> {
    try {
      await this.client!.query('SELECT 1');
    } catch (error) {
      await this.resign('lost', (error as Error).message);
    }
  }

  private async resign(change: 'lost' | 'released', reason?: string): Promise<void> {
    const client = this.client!;
    this.client = undefined;
    // Jobs first: once the lock is gone another replica may start them.
    for (const job of this.options.jobs) await job.stop();
    await client.end().catch(() => undefined);
    this.options.log(reason ? { change, reason } : { change });
  }
}
