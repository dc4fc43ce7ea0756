/**
 * An SPF record read as RFC 7208 §4.6.1 and §12 define it: `v=spf1` then directives (an optional
 * qualifier and a mechanism) and modifiers (`name=value`). Only what a domain's configuration check
 * needs: the terms with their targets, and why a record is a permanent error.
 */
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface SpfMechanism {
  kind: 'mechanism';
  qualifier: '+' | '-' | '~' | '?';
  name: SpfMechanismName;
  /** The domain or address after the colon, without a CIDR length; undefined when the mechanism means the domain itself. */
  target?: string;
  /** The CIDR length after `/` (for ip4/ip6, a and mx). */
  prefixLength?: number;
}

export interface SpfModifier {
  kind: 'modifier';
  name: string;
  value: string;
}

export type SpfTerm = SpfMechanism | SpfModifier;

export type SpfParse = { ok: true; terms: SpfTerm[] } | { ok: false; error: string };

const mechanismNames = new Set<string>(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
/** Mechanisms whose domain-spec is required (§5.2, §5.7). */
const targetRequired = new Set<string>(['include', 'exists', 'ip4', 'ip6']);
const modifierPattern = /^([a-z][a-z0-9_.-]*)=(.*)$/i;
const directivePattern = /^([+\-~?]?)([a-z][a-z0-9_.-]*)(?::([^/]*))?((?:\/\d{1,3}){0,2})$/i;

/** True for a TXT string that announces itself as SPF (§4.5: `v=spf1` alone or followed by a space). */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1(\s|$)/i.test(text);
}

export function parseSpf(text: string): SpfParse {
  const [version, ...rawTerms] = text.trim().split(/\s+/);
  if (version?.toLowerCase() !== 'v=spf1') return { ok: false, error: 'it does not start with v=spf1' };
  const terms: SpfTerm[] = [];
  const seenModifiers = new Set<string>();
  for (const raw of rawTerms) {
    const modifier = modifierPattern.exec(raw);
    if (modifier && !mechanismNames.has(modifier[1]!.toLowerCase())) {
      const name = modifier[1]!.toLowerCase();
      // §6: redirect and exp may each appear once.
      if ((name === 'redirect' || name === 'exp') && seenModifiers.has(name)) return { ok: false, error: `"${name}=" appears twice` };
      if ((name === 'redirect' || name === 'exp') && !modifier[2]) return { ok: false, error: `"${name}=" has no domain` };
      seenModifiers.add(name);
      terms.push({ kind: 'modifier', name, value: modifier[2]! });
      continue;
    }
    const directive = directivePattern.exec(raw);
    const name = directive?.[2]?.toLowerCase();
    if (!directive || !name || !mechanismNames.has(name)) return { ok: false, error: `"${raw}" is not an SPF mechanism` };
    const target = directive[3];
    if (target === '' || (targetRequired.has(name) && target === undefined))
      return { ok: false, error: `"${raw}" needs a domain or address` };
    if (name === 'all' && target !== undefined) return { ok: false, error: `"${raw}": all takes no domain` };
    const prefix = directive[4] ? Number(directive[4].split('/')[1]) : undefined;
    if (prefix !== undefined && prefix > (name === 'ip6' ? 128 : 32))
      return { ok: false, error: `"${raw}" has an impossible prefix length` };
    terms.push({
      kind: 'mechanism',
      qualifier: (directive[1] || '+') as SpfMechanism['qualifier'],
      name: name as SpfMechanismName,
      ...(target === undefined ? {} : { target: target.toLowerCase() }),
      ...(prefix === undefined ? {} : { prefixLength: prefix }),
    });
  }
  return { ok: true, terms };
}

/** The terms that cost a DNS lookup when the record is evaluated (§4.6.4): include, a, mx, ptr, exists and redirect. */
export function lookupTerms(terms: SpfTerm[]): SpfTerm[] {
  return terms.filter((term) =>
    term.kind === 'mechanism' ? ['include', 'a', 'mx', 'ptr', 'exists'].includes(term.name) : term.name === 'redirect',
  );
}

/** The redirect= target, which applies only when the record has no `all` (§6.1). */
export function redirectTarget(terms: SpfTerm[]): string | undefined {
  if (terms.some((term) => term.kind === 'mechanism' && term.name === 'all')) return undefined;
  const redirect = terms.find((term): term is SpfModifier => term.kind === 'modifier' && term.name === 'redirect');
  return redirect?.value.toLowerCase();
}

/** A domain-spec with macros (§7) depends on the message being checked: it cannot be followed from the domain alone. */
export function hasMacro(domainSpec: string): boolean {
  return domainSpec.includes('%');
}
