/**
 * The organizational domain of RFC 7489 §3.2: the registrable part of a name, found with the Public
 * Suffix List (tldts, its ICANN section) rather than by counting labels, so that mail.example.co.uk
 * belongs to example.co.uk and never to co.uk. Every place that asks "whose domain is this" (where
 * a DMARC policy is inherited from, whether two names are relaxed-aligned, which leads are the
 * organization's own colleagues) asks it here.
 */
import { getDomain } from 'tldts';

const lookupOptions = { extractHostname: false, validateHostname: false, allowPrivateDomains: false } as const;

/** A name that is itself a public suffix, or has none (an IP address, "localhost"), is its own organizational domain. */
export function organizationalDomain(name: string): string {
  const domain = name.toLowerCase().replace(/\.$/, '');
  return getDomain(domain, lookupOptions) ?? domain;
}

/** DMARC's relaxed alignment (RFC 7489 §3.1): two names align when their organizational domains are the same. */
export function relaxedAligned(first: string, second: string): boolean {
  return organizationalDomain(first) === organizationalDomain(second);
}
