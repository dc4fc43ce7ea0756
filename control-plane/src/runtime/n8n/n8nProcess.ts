// Starts the provisioned n8n (see scripts/provision-n8n.mjs) as a child process and stops it again.
// Used by `npm start` (n8n beside the control plane) and by integration tests, so both run the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '../freePort.js';
import { releaseStaleN8n, removeLock, writeLock } from './dataFolderLock.js';
import { buildN8nEnvironment, type N8nPostgresSettings } from './n8nEnvironment.js';
import { queueModeEnvironmentProblems, type N8nQueueSettings } from './queueMode.js';
import { isN8nRuntimeProvisioned, n8nRuntimePaths } from './n8nRuntimePaths.js';
import { descendantPids, isProcessAlive, killQuietly } from './processTree.js';

export type N8nLogStream = 'stdout' | 'stderr';

export interface StartN8nOptions {
  /** n8n's state folder (it creates `.n8n/` inside), e.g. `.data/n8n`. Created when missing. */
  userFolder: string;
  /** Encrypts credentials stored in n8n. Must stay the same for the life of the user folder / database. */
  encryptionKey: string;
  /** HTTP port (a worker's: its health check); 0 or absent picks a free one. */
  port?: number;
  /** `main` (default) serves the editor, API and webhooks; `worker` (queue mode only) runs executions from Redis. */
  role?: 'main' | 'worker';
  /** Queue mode: executions go through Redis to workers. Needs `postgres`. */
  queue?: N8nQueueSettings;
  /** Executions one worker runs at once (n8n's default is 10). */
  workerConcurrency?: number;
  /** Address to bind and to build URLs with. Default 127.0.0.1: n8n is reached only through the control plane. */
  host?: string;
  /** Folders with built custom nodes, e.g. `custom-nodes/dist` (built output only: a node_modules inside is scanned too). */
  customExtensions?: readonly string[];
  /** n8n's own database; SQLite inside the user folder when absent. */
  postgres?: N8nPostgresSettings;
  /** Folder scripts/provision-n8n.mjs installed into. Default `<repo>/.n8n-runtime`. */
  runtimeDir?: string;
  /** Each log line of n8n, without the trailing newline. Callers prefix it (`[n8n] ...`). */
  onLog?: (line: string, stream: N8nLogStream) => void;
  /**
   * How long to wait for `/healthz/readiness` (migrations included). Default 120 s (a first start on SQLite takes
   * ~16 s); 600 s on PostgreSQL, where a first start's migrations took 3.5 min on a busy 2-core host.
   */
  readyTimeoutMs?: number;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
  /** Extra or overriding environment variables for n8n. */
  extraEnv?: Readonly<Record<string, string>>;
}

export interface StopN8nOptions {
  /** Time between SIGTERM and SIGKILL. Default 15 s; n8n usually stops in ~2 s. */
  gracefulTimeoutMs?: number;
}

export interface N8nExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningN8n {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:5678`. */
  url: string;
  port: number;
  process: ChildProcess;
  /** The most recent log lines (bounded), for error messages and debugging. */
  logs: readonly string[];
  /** Resolves when the n8n process has exited (for whatever reason). */
  exited: Promise<N8nExit>;
  /** SIGTERM, then SIGKILL for n8n and its children after the graceful timeout. Safe to call more than once. */
  stop(options?: StopN8nOptions): Promise<N8nExit>;
}

const KEPT_LOG_LINES = 400;
const LOG_TAIL_IN_ERRORS = 40;
const READINESS_POLL_MS = 250;

export async function startN8n(options: StartN8nOptions): Promise<RunningN8n> {
  const runtime = n8nRuntimePaths(options.runtimeDir);
  if (!isN8nRuntimeProvisioned(runtime.runtimeDir)) {
    throw new Error(
      `n8n is not provisioned in ${runtime.runtimeDir}: run \`node scripts/provision-n8n.mjs\` (npm install does it), ` +
        'or set OPHIR_N8N_MODE=external with N8N_URL and N8N_API_KEY to use an existing n8n',
    );
  }
  const host = options.host ?? '127.0.0.1';
  const port = options.port && options.port > 0 ? options.port : await findFreePort(host);
  const taskRunnerBrokerPort = await findFreePort('127.0.0.1');
  const userFolder = path.resolve(options.userFolder);
  await mkdir(userFolder, { recursive: true });

  const role = options.role ?? 'main';
  if (options.queue && !options.postgres) throw new Error("n8n's queue mode needs PostgreSQL for n8n's data: pass postgres");
  const env = buildN8nEnvironment({
    userFolder,
    encryptionKey: options.encryptionKey,
    host,
    port,
    taskRunnerBrokerPort,
    customExtensions: (options.customExtensions ?? []).map((folder) => path.resolve(folder)),
    postgres: options.postgres,
    queue: options.queue,
    role,
    logLevel: options.logLevel ?? 'info',
    nodeBinDir: path.dirname(runtime.nodeBinary),
    extraEnv: options.extraEnv,
  });

  const queueProblems = options.queue ? queueModeEnvironmentProblems(env, role) : [];
  if (queueProblems.length > 0) throw new Error(`n8n's queue-mode environment is incomplete: ${queueProblems.join('; ')}`);

  const stale = await releaseStaleN8n(userFolder, runtime.n8nCli);
  if (stale)
    options.onLog?.(`[launcher] stopped n8n ${stale} that was still running on ${userFolder} (left by an earlier launcher)`, 'stderr');

  // Not detached: n8n stays in our process group, so Ctrl-C in a terminal reaches it too and it shuts down cleanly.
  const command =
    role === 'worker' ? ['worker', ...(options.workerConcurrency ? [`--concurrency=${options.workerConcurrency}`] : [])] : ['start'];
  const child = spawn(runtime.nodeBinary, [runtime.n8nCli, ...command], {
    cwd: userFolder,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = collectLogs(child, options.onLog);
  if (child.pid !== undefined) await writeLock(userFolder, child.pid);
  const exited = new Promise<N8nExit>((resolve) => {
    child.once('exit', (code, signal) => {
      if (child.pid !== undefined) void removeLock(userFolder, child.pid).finally(() => resolve({ code, signal }));
      else resolve({ code, signal });
    });
    // A failed spawn (e.g. EACCES on the binary) may emit no 'exit' at all: treat it as one, so nobody waits forever.
    child.once('error', (error) => {
      logs.push(`[launcher] could not run ${runtime.nodeBinary}: ${error.message}`);
      if (child.pid === undefined) resolve({ code: null, signal: null });
    });
  });

  const url = `http://${host}:${port}`;
  const running: RunningN8n = {
    url,
    port,
    process: child,
    logs,
    exited,
    stop: onceOnly((stopOptions?: StopN8nOptions) => stopN8nProcess(child, exited, stopOptions)),
  };
  // Last resort if the control plane exits without calling stop(): SIGKILL, because a SIGTERMed n8n whose log
  // pipes just closed was seen to hang instead of exiting, and an 'exit' handler cannot wait for it anyway.
  const killOnExit = () => killTree(child, 'SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  try {
    await waitUntilReady(
      role === 'worker' ? 'n8n worker' : 'n8n',
      url,
      exited,
      options.readyTimeoutMs ?? (options.postgres ? 600_000 : 120_000),
    );
  } catch (error) {
    await running.stop({ gracefulTimeoutMs: 5_000 });
    const tail = logs.slice(-LOG_TAIL_IN_ERRORS);
    // n8n's own last error says why (a wrong encryption key, a port in use): it belongs on the first line.
    const lastError = tail.findLast((line) => /error/i.test(line) && !/Failed to load command/.test(line))?.trim();
    throw new Error(`${(error as Error).message}${lastError ? `: ${lastError}` : ''}\n--- last n8n log lines ---\n${tail.join('\n')}`, {
      cause: error,
    });
  }
  return running;
}

async function waitUntilReady(label: string, url: string, exited: Promise<N8nExit>, timeoutMs: number): Promise<void> {
  let exit: N8nExit | undefined;
  void exited.then((value) => (exit = value));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit) throw new Error(`${label} exited before it was ready (code ${exit.code}, signal ${exit.signal})`);
    try {
      // /healthz answers before database migrations finish; /healthz/readiness only once n8n can serve requests.
      const response = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(READINESS_POLL_MS);
  }
  if (exit) throw new Error(`${label} exited before it was ready (code ${exit.code}, signal ${exit.signal})`);
  throw new Error(`${label} was not ready at ${url}/healthz/readiness within ${Math.round(timeoutMs / 1000)} s`);
}

async function stopN8nProcess(child: ChildProcess, exited: Promise<N8nExit>, options?: StopN8nOptions): Promise<N8nExit> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    const exit = await exited;
    killStragglers(child);
    return exit;
  }
  child.kill('SIGTERM');
  const gracefulTimeoutMs = options?.gracefulTimeoutMs ?? 15_000;
  const timedOut = Symbol('timed out');
  // Cancelled once n8n exits, so a pending timer does not keep the caller's process alive.
  const timer = new AbortController();
  const graceful = sleep(gracefulTimeoutMs, timedOut, { signal: timer.signal }).catch(() => undefined);
  const first = await Promise.race([exited, graceful]);
  timer.abort();
  if (first === timedOut) killTree(child, 'SIGKILL');
  const exit = await exited;
  killStragglers(child);
  return exit;
}

// Children that outlived n8n (e.g. the task runner after a SIGKILL) have been re-parented, so their pids were
// recorded while n8n was still alive; see killTree.
const knownChildrenByPid = new Map<number, number[]>();

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  const descendants = descendantPids(child.pid);
  knownChildrenByPid.set(child.pid, descendants);
  killQuietly(child.pid, signal);
  for (const pid of descendants) killQuietly(pid, signal);
}

function killStragglers(child: ChildProcess): void {
  if (child.pid === undefined) return;
  for (const pid of knownChildrenByPid.get(child.pid) ?? []) {
    if (isProcessAlive(pid)) killQuietly(pid, 'SIGKILL');
  }
  knownChildrenByPid.delete(child.pid);
}

function collectLogs(child: ChildProcess, onLog: StartN8nOptions['onLog']): string[] {
  const lines: string[] = [];
  const attach = (stream: NodeJS.ReadableStream | null, name: N8nLogStream) => {
    if (!stream) return;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) emit(line, name);
    });
    stream.on('end', () => {
      if (partial) emit(partial, name);
      partial = '';
    });
  };
  const emit = (rawLine: string, name: N8nLogStream) => {
    const line = rawLine.replace(/\r$/, '');
    lines.push(line);
    if (lines.length > KEPT_LOG_LINES) lines.splice(0, lines.length - KEPT_LOG_LINES);
    onLog?.(line, name);
  };
  attach(child.stdout, 'stdout');
  attach(child.stderr, 'stderr');
  return lines;
}

function onceOnly<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let result: Promise<R> | undefined;
  return (...args: A) => (result ??= fn(...args));
}
