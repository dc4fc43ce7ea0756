// One n8n per data folder. Two n8n processes on one SQLite folder corrupt each other's state, and a
// launcher that was itself SIGKILLed leaves its n8n running (it is re-parented, not killed). The folder
// records the pid of the n8n that runs on it; a new start first stops a live n8n left there.
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { descendantPids, isProcessAlive, killQuietly } from './processTree.js';

const lockFileName = 'n8n.pid';

export function lockFilePath(userFolder: string): string {
  return path.join(userFolder, lockFileName);
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/**
 * Stops a still-running n8n recorded in the folder's lock file. The pid is only trusted when that
 * process still runs the given n8n CLI: pids are reused, and an unrelated process must never be killed.
 */
export async function releaseStaleN8n(userFolder: string, n8nCli: string, waitMs = 15_000): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(lockFilePath(userFolder), 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isProcessAlive(pid)) return undefined;
  if (!commandLineOf(pid)?.includes(n8nCli)) return undefined;
  const tree = [pid, ...descendantPids(pid)];
  killQuietly(pid, 'SIGTERM');
  const deadline = Date.now() + waitMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await sleep(100);
  for (const member of tree) if (isProcessAlive(member)) killQuietly(member, 'SIGKILL');
  return pid;
}

export async function writeLock(userFolder: string, pid: number): Promise<void> {
  await writeFile(lockFilePath(userFolder), `${pid}\n`);
}

export async function removeLock(userFolder: string, pid: number): Promise<void> {
  try {
    if (Number.parseInt(readFileSync(lockFilePath(userFolder), 'utf8'), 10) !== pid) return;
  } catch {
    return;
  }
  await rm(lockFilePath(userFolder), { force: true });
}
