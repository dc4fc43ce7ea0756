// Keeps a child process of the launcher (n8n, the embedded PostgreSQL) alive: a crash is followed by a
// restart after an exponential, jittered and capped backoff; a child that keeps crashing soon after it
// starts is given up on, with the reason kept for readiness and the log.
import { setTimeout as sleep } from 'node:timers/promises';

export interface SupervisedChild {
  /** Resolves when the child has exited, for whatever reason, with a description of how. */
  exited: Promise<unknown>;
  /** Stops the child and everything it started; resolves once nothing of it runs any more. */
  stop(): Promise<unknown>;
}

export type SupervisorState = 'starting' | 'running' | 'restarting' | 'gave_up' | 'stopped';

export type SupervisorEvent =
  | { kind: 'started'; restarts: number }
  | { kind: 'start_failed'; error: string; restarts: number }
  | { kind: 'crashed'; exit: string; ranForMs: number }
  | { kind: 'restarting'; inMs: number; attempt: number }
  | { kind: 'gave_up'; reason: string };

export interface SupervisorOptions<Child extends SupervisedChild> {
  name: string;
  start: () => Promise<Child>;
  backoff: { initialMs: number; maxMs: number };
  /** A child that exits (or fails to start) within this long of its start counts as a fast crash. */
  stableAfterMs: number;
  /** Consecutive fast crashes after which the supervisor stops trying. */
  maxFastCrashes: number;
  onEvent?: (event: SupervisorEvent) => void;
  random?: () => number;
}

/** The delay before restart `attempt` (1-based): doubling from `initialMs`, capped at `maxMs`, ±20% jitter. */
export function backoffDelayMs(attempt: number, backoff: { initialMs: number; maxMs: number }, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class Supervisor<Child extends SupervisedChild> {
  private stateValue: SupervisorState = 'starting';
  private child: Child | undefined;
  private restartCount = 0;
  private fastCrashes = 0;
  private reason: string | undefined;
  private readonly stopSignal = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly runningListeners: Array<(child: Child) => void> = [];

  constructor(private readonly options: SupervisorOptions<Child>) {}

  get state(): SupervisorState {
    return this.stateValue;
  }

  /** How many times the child was started again after its first start. */
  get restarts(): number {
    return this.restartCount;
  }

  /** Why the child is not running (its last exit or start error, or why the supervisor gave up). */
  get lastProblem(): string | undefined {
    return this.reason;
  }

  get current(): Child | undefined {
    return this.stateValue === 'running' ? this.child : undefined;
  }

  /** Called on every (re)start that reached running, including the first. */
  onRunning(listener: (child: Child) => void): void {
    this.runningListeners.push(listener);
  }

  /**
   * Starts the child and keeps it running. Resolves once the first start succeeded or failed; a failed
   * first start is retried in the background like a crash, so the caller can go on without it.
   */
  async start(): Promise<Child | undefined> {
    const first = await this.startOnce();
    this.loop = this.superviseFrom(first);
    return first?.child;
  }

  /** No more restarts from now on (a shutdown began: the child may be exiting on the same Ctrl-C). */
  halt(): void {
    this.stateValue = 'stopped';
    this.stopSignal.abort();
  }

  /** Stops supervising, then stops the child. Never leaves a child running behind. */
  async stop(): Promise<void> {
    this.halt();
    await this.child?.stop();
    await this.loop;
  }

  private async superviseFrom(started: { child: Child; at: number } | undefined): Promise<void> {
    let running = started;
    while (!this.stopSignal.signal.aborted) {
      if (running) {
        const exit = await running.child.exited;
        if (this.stopSignal.signal.aborted) return;
        // Whatever the child left behind (its own children) goes before another one may start.
        await running.child.stop();
        const ranForMs = Date.now() - running.at;
        this.reason = `exited (${describe(exit)}) after ${Math.round(ranForMs / 1000)} s`;
        this.options.onEvent?.({ kind: 'crashed', exit: describe(exit), ranForMs });
        this.countCrash(ranForMs);
      }
      if (this.fastCrashes >= this.options.maxFastCrashes) {
        this.stateValue = 'gave_up';
        this.reason = `${this.options.name} crashed ${this.fastCrashes} times in a row within ${Math.round(this.options.stableAfterMs / 1000)} s of starting; last: ${this.reason}. Not restarting it again: fix the cause and restart the platform`;
        this.options.onEvent?.({ kind: 'gave_up', reason: this.reason });
        return;
      }
      this.stateValue = 'restarting';
      const inMs = backoffDelayMs(this.fastCrashes + 1, this.options.backoff, this.options.random);
      this.options.onEvent?.({ kind: 'restarting', inMs, attempt: this.restartCount + 1 });
      try {
        await sleep(inMs, undefined, { signal: this.stopSignal.signal });
      } catch {
        return;
      }
      this.restartCount += 1;
      running = await this.startOnce();
    }
  }

  private countCrash(ranForMs: number): void {
    this.fastCrashes = ranForMs < this.options.stableAfterMs ? this.fastCrashes + 1 : 1;
  }

  private async startOnce(): Promise<{ child: Child; at: number } | undefined> {
    const at = Date.now();
    this.stateValue = 'starting';
    try {
      const child = await this.options.start();
      this.child = child;
      if (this.stopSignal.signal.aborted) {
        await child.stop();
        return undefined;
      }
      this.stateValue = 'running';
      this.reason = undefined;
      this.options.onEvent?.({ kind: 'started', restarts: this.restartCount });
      for (const listener of this.runningListeners) listener(child);
      return { child, at };
    } catch (error) {
      this.reason = `could not start: ${firstLine((error as Error).message)}`;
      this.options.onEvent?.({ kind: 'start_failed', error: firstLine((error as Error).message), restarts: this.restartCount });
      this.countCrash(Date.now() - at);
      return undefined;
    }
  }
}

function describe(exit: unknown): string {
  if (exit && typeof exit === 'object' && ('code' in exit || 'signal' in exit)) {
    const { code, signal } = exit as { code?: number | null; signal?: string | null };
    return signal ? `signal ${signal}` : `code ${code}`;
  }
  return String(exit);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
