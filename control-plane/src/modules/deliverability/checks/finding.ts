import type { DnsMiss } from '../../../lib/net/dnsResolver.js';

export type CheckName = 'spf' | 'dkim' | 'dmarc' | 'mx' | 'blocklist';
export type FindingStatus = 'pass' | 'warn' | 'fail';

/** One check of a sending domain: how it went, the DNS record it read (as published), and what to change in plain words. */
export interface DomainFinding {
  check: CheckName;
  status: FindingStatus;
  /** The record as seen in DNS; null when there was none (or no answer). */
  record: string | null;
  /** What was found, in a sentence. */
  summary: string;
  /** What to change; "Nothing to change." when it passed. */
  advice: string;
}

const severity: Record<FindingStatus, number> = { pass: 0, warn: 1, fail: 2 };

export function worstStatus(statuses: FindingStatus[]): FindingStatus {
  return statuses.reduce<FindingStatus>((worst, status) => (severity[status] > severity[worst] ? status : worst), 'pass');
}

/** A problem found within one check; a check's finding is its worst problem with all their advice. */
export interface CheckProblem {
  status: Exclude<FindingStatus, 'pass'>;
  advice: string;
}

export function findingOf(check: CheckName, record: string | null, summary: string, problems: CheckProblem[]): DomainFinding {
  return {
    check,
    status: worstStatus(problems.map((problem) => problem.status)),
    record,
    summary,
    advice: problems.length > 0 ? problems.map((problem) => problem.advice).join(' ') : 'Nothing to change.',
  };
}

/** A lookup that got no answer proves nothing about the domain: a warning to check again, never a failure that blocks a start. */
export function unanswered(check: CheckName, name: string, miss: DnsMiss): DomainFinding | undefined {
  if (miss !== 'timeout' && miss !== 'error') return undefined;
  return {
    check,
    status: 'warn',
    record: null,
    summary: miss === 'timeout' ? `The DNS server did not answer for ${name} in time.` : `The DNS lookup of ${name} failed.`,
    advice: 'Check again in a few minutes; if it keeps happening, the DNS servers Ophir asks (OPHIR_DNS_SERVERS) may be unreachable.',
  };
}
