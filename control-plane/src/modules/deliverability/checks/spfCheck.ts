import { BlockList, isIP } from 'node:net';
import { relaxedAligned } from '../../../lib/net/organizationalDomain.js';
import type { DomainDns } from './domainDns.js';
import { findingOf, unanswered, type CheckProblem, type DomainFinding } from './finding.js';
import { hasMacro, isSpfRecord, lookupTerms, parseSpf, redirectTarget, type SpfTerm } from './spfRecord.js';
import type { ProviderSender } from './providerSender.js';

/** RFC 7208 §4.6.4: evaluating a record may cause at most 10 DNS-querying terms, counted through include and redirect. */
export const SPF_LOOKUP_LIMIT = 10;
/** How far the walk follows includes: far enough past the limit to say by how much, never forever. */
const walkLookupCap = 40;

/** What evaluating a domain's record could reach, gathered through include and redirect. */
interface SpfReach {
  lookups: number;
  /** include and redirect targets, a/mx/exists targets. */
  names: Set<string>;
  /** a and mx without a target: the domain itself. */
  ownAddresses: boolean;
  ranges: BlockList;
  problems: CheckProblem[];
  visited: Set<string>;
}

type SpfLookup =
  { kind: 'record'; text: string } | { kind: 'none' } | { kind: 'many'; texts: string[] } | { kind: 'unanswered'; finding: DomainFinding };

async function spfRecordOf(dns: DomainDns, domain: string): Promise<SpfLookup> {
  const answer = await dns.txt(domain);
  if (!answer.found) {
    const finding = unanswered('spf', domain, answer.miss);
    return finding ? { kind: 'unanswered', finding } : { kind: 'none' };
  }
  const texts = answer.records.filter(isSpfRecord);
  if (texts.length === 0) return { kind: 'none' };
  return texts.length === 1 ? { kind: 'record', text: texts[0]! } : { kind: 'many', texts };
}

async function walk(dns: DomainDns, terms: SpfTerm[], reach: SpfReach): Promise<void> {
  reach.lookups += lookupTerms(terms).length;
  const followed: string[] = [];
  for (const term of terms) {
    if (term.kind === 'modifier') continue;
    if ((term.name === 'ip4' || term.name === 'ip6') && term.target && isIP(term.target)) {
      const family = term.name === 'ip4' ? 'ipv4' : 'ipv6';
      reach.ranges.addSubnet(term.target, term.prefixLength ?? (family === 'ipv4' ? 32 : 128), family);
    } else if ((term.name === 'a' || term.name === 'mx') && term.target === undefined) {
      reach.ownAddresses = true;
    } else if (term.target && !hasMacro(term.target)) {
      reach.names.add(term.target);
      if (term.name === 'include') followed.push(term.target);
    }
  }
  const redirect = redirectTarget(terms);
  if (redirect && !hasMacro(redirect)) {
    reach.names.add(redirect);
    followed.push(redirect);
  }
  for (const target of followed) {
    if (reach.visited.has(target) || reach.lookups > walkLookupCap) continue;
    reach.visited.add(target);
    const found = await spfRecordOf(dns, target);
    if (found.kind === 'unanswered') {
      reach.problems.push({
        status: 'warn',
        advice: `${target} (which your record includes) did not answer; its lookups are not counted.`,
      });
    } else if (found.kind !== 'record') {
      reach.problems.push({
        status: 'fail',
        advice: `${target} (which your record includes) has ${found.kind === 'none' ? 'no SPF record' : 'more than one SPF record'}: receivers treat your SPF as a permanent error. Remove it or fix the name.`,
      });
    } else {
      const parsed = parseSpf(found.text);
      if (parsed.ok) await walk(dns, parsed.terms, reach);
      else
        reach.problems.push({ status: 'fail', advice: `The SPF record of ${target} (which yours includes) is broken: ${parsed.error}.` });
    }
  }
}

async function allowsSmtpHost(dns: DomainDns, domain: string, host: string, reach: SpfReach): Promise<boolean> {
  // The record names the server's organization (its include, a or mx target), or the domain's own a/mx and the server is the domain's.
  if ([...reach.names].some((name) => relaxedAligned(name, host))) return true;
  if (reach.ownAddresses && relaxedAligned(host, domain)) return true;
  const family = isIP(host);
  const addresses = family ? [host] : await dns.ipv4(host).then((answer) => (answer.found ? answer.records : []));
  return addresses.some((address) => reach.ranges.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4'));
}

/** SPF (RFC 7208): one record that parses, allows the mailbox's provider to send, stays within 10 lookups and does not end in +all. */
export async function checkSpf(dns: DomainDns, domain: string, sender: ProviderSender): Promise<DomainFinding> {
  const found = await spfRecordOf(dns, domain);
  if (found.kind === 'unanswered') return found.finding;
  if (found.kind === 'none') {
    return findingOf('spf', null, `${domain} has no SPF record.`, [
      {
        status: 'fail',
        advice: `Publish a TXT record on ${domain}: "v=spf1 ${sender.kind === 'include' ? `include:${sender.domain} ` : ''}~all"${sender.kind === 'host' ? ` with what your SMTP provider (${sender.host}) tells you to include` : ''}.`,
      },
    ]);
  }
  if (found.kind === 'many') {
    return findingOf('spf', found.texts.join('\n'), `${domain} has ${found.texts.length} SPF records.`, [
      {
        status: 'fail',
        advice: 'Merge them into one TXT record: with more than one, receivers treat SPF as a permanent error (RFC 7208 §4.5).',
      },
    ]);
  }
  const parsed = parseSpf(found.text);
  if (!parsed.ok) {
    return findingOf('spf', found.text, `The SPF record does not parse: ${parsed.error}.`, [
      { status: 'fail', advice: 'Fix the record: receivers treat a record that does not parse as a permanent error.' },
    ]);
  }
  const reach: SpfReach = {
    lookups: 0,
    names: new Set(),
    ownAddresses: false,
    ranges: new BlockList(),
    problems: [],
    visited: new Set([domain]),
  };
  await walk(dns, parsed.terms, reach);
  const problems = [...reach.problems];
  if (reach.lookups > SPF_LOOKUP_LIMIT) {
    problems.push({
      status: 'fail',
      advice: `Evaluating it takes ${reach.lookups > walkLookupCap ? `more than ${walkLookupCap}` : reach.lookups} DNS lookups (include, a, mx, ptr, exists, redirect, counted through every include); receivers stop at ${SPF_LOOKUP_LIMIT} and fail SPF. Remove includes of services you no longer use, or replace them with their ip4/ip6 ranges.`,
    });
  }
  if (sender.kind === 'include' && !reach.names.has(sender.domain)) {
    problems.push({
      status: 'fail',
      advice: `Add include:${sender.domain} before the "all" term so ${sender.provider} may send for ${domain}.`,
    });
  }
  if (sender.kind === 'host' && !(await allowsSmtpHost(dns, domain, sender.host, reach))) {
    problems.push({
      status: 'warn',
      advice: `It does not name your SMTP server ${sender.host} (by include, a, mx or its IP address): add what your email provider tells you to include.`,
    });
  }
  const all = parsed.terms.find((term) => term.kind === 'mechanism' && term.name === 'all');
  if (all?.kind === 'mechanism' && all.qualifier === '+') {
    problems.push({ status: 'fail', advice: 'Replace "+all" with "~all": "+all" lets anyone on the internet send as your domain.' });
  } else if (!all || (all.kind === 'mechanism' && all.qualifier === '?')) {
    if (!redirectTarget(parsed.terms))
      problems.push({ status: 'warn', advice: 'End the record with "~all" (or "-all") so mail from other servers is marked.' });
  }
  const senderNote = sender.kind === 'include' ? `; ${sender.provider} is ${reach.names.has(sender.domain) ? '' : 'not '}included` : '';
  return findingOf('spf', found.text, `SPF record found: ${reach.lookups} of ${SPF_LOOKUP_LIMIT} DNS lookups${senderNote}.`, problems);
}
