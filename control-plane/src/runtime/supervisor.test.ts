// The supervisor against real child processes (node scripts that run, crash or fail to start).
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from './n8n/processTree.js';
import { backoffDelayMs, Supervisor, type SupervisedChild, type SupervisorEvent } from './supervisor.js';
import { until } from '../test/until.js';

interface Child extends SupervisedChild {
  pid: number;
}

const alive = new Set<number>();
let maxConcurrent = 0;

/** A node process that exits with `code` after `lifetimeMs` (or runs until stopped). */
function startChild(lifetimeMs: number | null, code = 1): Promise<Child> {
  const script = lifetimeMs === null ? 'setInterval(() => {}, 1000)' : `setTimeout(() => process.exit(${code}), ${lifetimeMs})`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  const pid = child.pid!;
  alive.add(pid);
  maxConcurrent = Math.max(maxConcurrent, alive.size);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (exitCode, signal) => {
      alive.delete(pid);
      resolve({ code: exitCode, signal });
    }),
  );
  return Promise.resolve({
    pid,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  });
}

const fast = { backoff: { initialMs: 20, maxMs: 80 }, stableAfterMs: 1_000, maxFastCrashes: 3 };
let supervisor: Supervisor<Child> | undefined;

afterEach(async () => {
  await supervisor?.stop();
  supervisor = undefined;
  maxConcurrent = 0;
});

describe('Supervisor', () => {
  it('restarts a child that was killed, one at a time, and counts the restart', async () => {
    const events: SupervisorEvent[] = [];
    supervisor = new Supervisor({ name: 'worker', ...fast, start: () => startChild(null), onEvent: (event) => events.push(event) });
    const first = await supervisor.start();
    expect(supervisor.state).toBe('running');
    process.kill(first!.pid, 'SIGKILL');
    await until('the worker to run again', () => supervisor!.state === 'running' && supervisor!.current?.pid !== first!.pid, 5_000);
    expect(supervisor.restarts).toBe(1);
    expect(maxConcurrent).toBe(1);
    expect(events.map((event) => event.kind)).toEqual(['started', 'crashed', 'restarting', 'started']);
    expect(events[1]).toMatchObject({ kind: 'crashed', exit: 'signal SIGKILL' });
  });

  it('gives up after repeated fast crashes, says why, and starts nothing more', async () => {
    let starts = 0;
    supervisor = new Supervisor({ name: 'worker', ...fast, start: () => ((starts += 1), startChild(10, 3)) });
    await supervisor.start();
    await until('the supervisor to give up', () => supervisor!.state === 'gave_up', 5_000);
    expect(starts).toBe(3);
    expect(supervisor.lastProblem).toMatch(/worker crashed 3 times in a row within 1 s of starting; last: exited \(code 3\)/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(starts).toBe(3);
  });

  it('retries a first start that fails, without holding up the caller', async () => {
    let attempts = 0;
    supervisor = new Supervisor({
      name: 'worker',
      ...fast,
      start: () => {
        attempts += 1;
        return attempts < 3 ? Promise.reject(new Error(`port in use (attempt ${attempts})\nstack`)) : startChild(null);
      },
    });
    expect(await supervisor.start()).toBeUndefined();
    expect(supervisor.lastProblem).toBe('could not start: port in use (attempt 1)');
    await until('the third attempt to run', () => supervisor!.state === 'running', 5_000);
  });

  it('stops the child and restarts nothing once stopped', async () => {
    supervisor = new Supervisor({ name: 'worker', ...fast, start: () => startChild(null) });
    const child = await supervisor.start();
    await supervisor.stop();
    expect(supervisor.state).toBe('stopped');
    expect(isProcessAlive(child!.pid)).toBe(false);
    expect(alive.size).toBe(0);
  });

  it('doubles the delay up to the cap, with bounded jitter', () => {
    const backoff = { initialMs: 1_000, maxMs: 30_000 };
    expect([1, 2, 3, 6, 10].map((attempt) => backoffDelayMs(attempt, backoff, () => 0.5))).toEqual([1_000, 2_000, 4_000, 30_000, 30_000]);
    expect(backoffDelayMs(1, backoff, () => 0)).toBe(800);
    expect(backoffDelayMs(1, backoff, () => 1)).toBe(1_200);
  });
});
