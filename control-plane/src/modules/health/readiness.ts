/** What one readiness check found: ok, or why not (safe to show to an operator). */
export type CheckResult = { ok: true; detail?: string } | { ok: false; detail: string };

export type ReadinessCheck = () => Promise<CheckResult>;

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, { status: 'ok' | 'failing'; detail?: string }>;
}

const checkTimeoutMs = 3_000;

/**
 * The dependencies the control plane needs to do its whole job. Modules register what they own
 * (the database, n8n, the reconciler); the launcher adds the processes it supervises.
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  get names(): string[] {
    return [...this.checks.keys()];
  }

  /** Runs the checks (all, or the named ones) concurrently, each bounded in time. */
  async evaluate(only?: readonly string[]): Promise<ReadinessReport> {
    const unknown: ReadinessCheck = async () => ({ ok: false, detail: `no such check; the checks are ${this.names.join(', ')}` });
    const selected: Array<[string, ReadinessCheck]> = only
      ? only.map((name) => [name, this.checks.get(name) ?? unknown])
      : [...this.checks];
    const results = await Promise.all(selected.map(async ([name, check]) => [name, await withTimeout(check)] as const));
    const checks: ReadinessReport['checks'] = {};
    for (const [name, result] of results) {
      checks[name] = { status: result.ok ? 'ok' : 'failing', ...(result.detail ? { detail: result.detail } : {}) };
    }
    return { status: results.every(([, result]) => result.ok) ? 'ready' : 'not_ready', checks };
  }
}

async function withTimeout(check: ReadinessCheck): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${checkTimeoutMs / 1000} s` }), checkTimeoutMs);
  });
  try {
    return await Promise.race([
      check().catch((error: unknown): CheckResult => ({ ok: false, detail: (error as Error).message })),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
