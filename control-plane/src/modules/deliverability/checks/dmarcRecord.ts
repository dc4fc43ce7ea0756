/**
 * A DMARC record read as RFC 7489 §6.3 and §6.4 define it: `v=DMARC1` first, then `tag=value` pairs
 * separated by semicolons. Unknown tags are ignored (§6.3); a record without a valid `p` is not a
 * policy (§6.6.3 would apply only to a record whose `rua` is valid, which we do not count on).
 */
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface DmarcRecord {
  policy: DmarcPolicy;
  subdomainPolicy?: DmarcPolicy;
  /** r (relaxed, the default) or s (strict). */
  dkimAlignment: 'r' | 's';
  spfAlignment: 'r' | 's';
  /** Aggregate report addresses (`rua`), as written. */
  aggregateReports: string[];
  percent: number;
}

export type DmarcParse = { ok: true; record: DmarcRecord } | { ok: false; error: string };

const policies = new Set(['none', 'quarantine', 'reject']);

export function isDmarcRecord(text: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/i.test(text.trim());
}

export function parseDmarc(text: string): DmarcParse {
  const tags = new Map<string, string>();
  const pairs = text
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean);
  for (const [index, pair] of pairs.entries()) {
    const equals = pair.indexOf('=');
    if (equals < 1) return { ok: false, error: `"${pair}" is not a tag=value pair` };
    const tag = pair.slice(0, equals).trim().toLowerCase();
    const value = pair.slice(equals + 1).trim();
    if (index === 0 && (tag !== 'v' || value !== 'DMARC1')) return { ok: false, error: 'it does not start with v=DMARC1' };
    if (!tags.has(tag)) tags.set(tag, value);
  }
  const policy = tags.get('p')?.toLowerCase();
  if (!policy) return { ok: false, error: 'it has no policy (p=none, quarantine or reject)' };
  if (!policies.has(policy)) return { ok: false, error: `p=${policy} is not none, quarantine or reject` };
  const subdomainPolicy = tags.get('sp')?.toLowerCase();
  if (subdomainPolicy !== undefined && !policies.has(subdomainPolicy)) return { ok: false, error: `sp=${subdomainPolicy} is not a policy` };
  const alignment = (tag: 'adkim' | 'aspf') => {
    const value = tags.get(tag)?.toLowerCase() ?? 'r';
    return value === 'r' || value === 's' ? value : undefined;
  };
  const dkimAlignment = alignment('adkim');
  const spfAlignment = alignment('aspf');
  if (!dkimAlignment) return { ok: false, error: `adkim=${tags.get('adkim')} is not r or s` };
  if (!spfAlignment) return { ok: false, error: `aspf=${tags.get('aspf')} is not r or s` };
  const percentText = tags.get('pct') ?? '100';
  const percent = /^\d{1,3}$/.test(percentText) ? Number(percentText) : NaN;
  if (!(percent >= 0 && percent <= 100)) return { ok: false, error: `pct=${percentText} is not 0 to 100` };
  const aggregateReports = (tags.get('rua') ?? '')
    .split(',')
    .map((uri) => uri.trim())
    .filter(Boolean);
  return {
    ok: true,
    record: {
      policy: policy as DmarcPolicy,
      ...(subdomainPolicy ? { subdomainPolicy: subdomainPolicy as DmarcPolicy } : {}),
      dkimAlignment,
      spfAlignment,
      aggregateReports,
      percent,
    },
  };
}
