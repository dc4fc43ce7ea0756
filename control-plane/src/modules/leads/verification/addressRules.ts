/**
 * The checks that need no network: disposable domains (a maintained list), role addresses and the
 * organization's own domains, and how they combine with the domain's DNS verdict into a lead's status.
 */
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';
import { organizationalDomain } from '../../../lib/net/organizationalDomain.js';
import type { DomainVerdict } from './domainVerdicts.js';

export type VerificationStatus = 'valid' | 'risky' | 'invalid' | 'unknown';

export const verificationReasons = [
  'mx_found',
  'a_found',
  'domain_not_found',
  'no_mx_or_a',
  'null_mx',
  'dns_timeout',
  'dns_error',
  'disposable_domain',
  'own_domain',
  'role_address',
] as const;

export type VerificationReason = (typeof verificationReasons)[number];

export interface Verdict {
  status: VerificationStatus;
  reason: VerificationReason;
}

/**
 * Local parts that name a function, not a person: a shared inbox that rarely answers cold mail and
 * often reports it as spam. Compared after dropping a "+tag".
 */
export const roleLocalParts: readonly string[] = [
  'abuse',
  'accounting',
  'accounts',
  'admin',
  'administrator',
  'billing',
  'careers',
  'contact',
  'customerservice',
  'enquiries',
  'feedback',
  'finance',
  'hello',
  'help',
  'helpdesk',
  'hostmaster',
  'hr',
  'info',
  'inquiries',
  'jobs',
  'legal',
  'mail',
  'marketing',
  'media',
  'news',
  'newsletter',
  'no-reply',
  'noreply',
  'office',
  'orders',
  'postmaster',
  'press',
  'privacy',
  'recruiting',
  'root',
  'sales',
  'security',
  'service',
  'support',
  'team',
  'webmaster',
];
const roles = new Set(roleLocalParts);

export function isRoleAddress(localPart: string): boolean {
  const plus = localPart.indexOf('+');
  return roles.has(plus < 0 ? localPart : localPart.slice(0, plus));
}

let disposable: Set<string> | undefined;

export function isDisposableDomain(domain: string): boolean {
  disposable ??= disposableEmailBlocklistSet();
  return disposable.has(domain);
}

/**
 * A domain's verdict before the local part is looked at. A disposable domain is invalid (its
 * addresses are thrown away within hours: mail to them bounces later or is read by no one); the
 * organization's own domain is risky (its colleagues, not prospects). Neither needs a DNS lookup.
 */
export function domainVerdictWithoutDns(domain: string, ownOrganizationalDomains: ReadonlySet<string>): Verdict | undefined {
  if (ownOrganizationalDomains.has(organizationalDomain(domain))) return { status: 'risky', reason: 'own_domain' };
  if (isDisposableDomain(domain)) return { status: 'invalid', reason: 'disposable_domain' };
  return undefined;
}

/** One address's verdict: a role address on a domain that takes mail is risky; otherwise the domain decides. */
export function addressVerdict(localPart: string, domainVerdict: Verdict | DomainVerdict): Verdict {
  if (domainVerdict.status === 'valid' && isRoleAddress(localPart)) return { status: 'risky', reason: 'role_address' };
  return domainVerdict;
}
