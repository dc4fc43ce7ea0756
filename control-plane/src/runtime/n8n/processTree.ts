// Linux process-tree helpers. n8n starts a JS task-runner child of its own; when n8n has to be SIGKILLed it
// cannot stop that child, so we find and kill the whole tree ourselves (read from /proc: no `ps` dependency).
import { readdirSync, readFileSync } from 'node:fs';

function parentPidOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Format: "pid (comm) state ppid ..."; comm may contain spaces and parentheses, so parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number.parseInt(fields[1] ?? '', 10);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined; // the process ended while we were looking
  }
}

/** Pids of all live descendants of `rootPid` (children, grandchildren, ...), deepest last. */
export function descendantPids(rootPid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return []; // not Linux: nothing to walk
  }
  const childrenByParent = new Map<number, number[]>();
  for (const entry of entries) {
    const pid = Number.parseInt(entry, 10);
    if (!Number.isInteger(pid) || String(pid) !== entry) continue;
    const ppid = parentPidOf(pid);
    if (ppid === undefined) continue;
    const siblings = childrenByParent.get(ppid) ?? [];
    siblings.push(pid);
    childrenByParent.set(ppid, siblings);
  }
  const result: number[] = [];
  const queue = [rootPid];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of childrenByParent.get(pid) ?? []) {
      result.push(child);
      queue.push(child);
    }
  }
  return result;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}
