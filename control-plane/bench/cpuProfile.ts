import type { Profiler } from 'node:inspector';

/** Where a sampled function lives, coarsely: the parts a request's time is spent in. */
function partOf(frame: Profiler.ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(program)') return 'V8 and native (program)';
    return 'node internals';
  }
  if (url.startsWith('wasm://')) return "Prisma's query compiler (WASM)";
  if (url.startsWith('node:')) return 'node internals';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (module === '@prisma/client' || module === '@prisma/adapter-pg' || module === '@prisma/driver-adapter-utils') return 'Prisma client';
  if (url.includes('/src/generated/prisma/')) return 'Prisma client';
  if (module) return module;
  if (url.includes('/control-plane/src/')) return 'control plane code';
  return 'other';
}

/** Self time by part, as a share of the time the process was busy (idle excluded), largest first. */
export function summariseProfile(profile: Profiler.Profile): Array<{ part: string; percent: number }> {
  const partById = new Map<number, string>();
  for (const node of profile.nodes) partById.set(node.id, node.callFrame.functionName === '(idle)' ? 'idle' : partOf(node.callFrame));
  const micros = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((nodeId, index) => {
    const part = partById.get(nodeId) ?? 'other';
    micros.set(part, (micros.get(part) ?? 0) + (deltas[index] ?? 0));
  });
  micros.delete('idle');
  const busy = [...micros.values()].reduce((sum, value) => sum + value, 0) || 1;
  return [...micros.entries()]
    .map(([part, value]) => ({ part, percent: Math.round((value / busy) * 1000) / 10 }))
    .filter((entry) => entry.percent >= 0.5)
    .sort((a, b) => b.percent - a.percent);
}
