import type { DomainDns } from './domainDns.js';
import { findingOf, unanswered, type DomainFinding } from './finding.js';

/** A DKIM key record (RFC 6376 §3.6.1): tags separated by semicolons, the public key in `p=` (empty when revoked). */
function publicKeyOf(text: string): string | undefined {
  const key = text
    .split(';')
    .map((tag) => tag.trim())
    .find((tag) => /^p\s*=/i.test(tag));
  return key === undefined ? undefined : key.replace(/^p\s*=/i, '').replace(/\s+/g, '');
}

type SelectorResult = { selector: string; name: string } & (
  | { kind: 'key'; record: string }
  | { kind: 'revoked'; record: string }
  | { kind: 'missing' }
  | { kind: 'unanswered'; finding: DomainFinding }
);

async function lookupSelector(dns: DomainDns, domain: string, selector: string): Promise<SelectorResult> {
  const name = `${selector}._domainkey.${domain}`;
  const answer = await dns.txt(name);
  if (!answer.found) {
    const finding = unanswered('dkim', name, answer.miss);
    return finding ? { selector, name, kind: 'unanswered', finding } : { selector, name, kind: 'missing' };
  }
  for (const record of answer.records) {
    const key = publicKeyOf(record);
    if (key) return { selector, name, kind: 'key', record };
    if (key === '') return { selector, name, kind: 'revoked', record };
  }
  return { selector, name, kind: 'missing' };
}

/**
 * DKIM (RFC 6376): a public key published for one of the selectors the mailbox signs with, its
 * provider's defaults (google, selector1/selector2) or the one the user named. A key cannot be found
 * without its selector, so with none known the check can only ask for it.
 */
export async function checkDkim(dns: DomainDns, domain: string, selectors: string[]): Promise<DomainFinding> {
  if (selectors.length === 0) {
    return findingOf('dkim', null, 'No DKIM selector is known for this mailbox, so its key cannot be looked up.', [
      {
        status: 'warn',
        advice: 'Enter the DKIM selector your email provider gave you (the part before ._domainkey) and check again.',
      },
    ]);
  }
  const results = await Promise.all(selectors.map((selector) => lookupSelector(dns, domain, selector)));
  const keyed = results.filter((result) => result.kind === 'key');
  if (keyed.length > 0) {
    const names = keyed.map((result) => result.selector).join(', ');
    return findingOf(
      'dkim',
      keyed.map((result) => `${result.name}: ${result.record}`).join('\n'),
      `DKIM key found for selector ${names}.`,
      [],
    );
  }
  const revoked = results.find((result) => result.kind === 'revoked');
  if (revoked) {
    return findingOf('dkim', `${revoked.name}: ${revoked.record}`, `The DKIM key for selector ${revoked.selector} is revoked (empty p=).`, [
      { status: 'fail', advice: `Publish the current public key at ${revoked.name}: your provider's DKIM settings show it.` },
    ]);
  }
  const noAnswer = results.find((result) => result.kind === 'unanswered');
  if (noAnswer) return noAnswer.finding;
  const tried = results.map((result) => result.name).join(', ');
  return findingOf('dkim', null, `No DKIM key at ${tried}.`, [
    {
      status: 'fail',
      advice:
        "Turn on DKIM signing in your email provider's admin settings (Google Admin: Apps, Gmail, Authenticate email; Microsoft 365 Defender: Email authentication, DKIM) and publish the record it shows. If you sign with another selector, enter it and check again.",
    },
  ]);
}
