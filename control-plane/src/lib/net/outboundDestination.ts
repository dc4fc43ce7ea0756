import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a tenant must not make the server connect to when OUTBOUND_DENY_PRIVATE is on: this
 * host, its private networks and anything that is not a unicast address on the internet.
 */
const nonPublicRanges: Array<[prefix: string, length: number, family: 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", includes the unspecified address
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, where cloud metadata services answer
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, and the broadcast address
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // site-local (deprecated, still routed by some networks)
  ['ff00::', 8, 'ipv6'], // multicast
];

const nonPublic = new BlockList();
for (const [prefix, length, family] of nonPublicRanges) nonPublic.addSubnet(prefix, length, family);

// IPv6 forms that carry an IPv4 address in their last 32 bits: IPv4-mapped, IPv4-compatible
// (deprecated) and the NAT64 well-known prefix. They reach the embedded IPv4 address. Matched on the
// canonical form (the URL serializer's), so expanded or dotted spellings cannot slip past.
const embeddedIpv4Form = /^(?:::ffff:|::|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

function embeddedIpv4(address: string): string | undefined {
  let canonical: string;
  try {
    canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const groups = embeddedIpv4Form.exec(canonical);
  if (!groups) return undefined;
  const value = (parseInt(groups[1]!, 16) << 16) | parseInt(groups[2]!, 16);
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return !nonPublic.check(address, 'ipv4');
  const ipv4 = embeddedIpv4(address);
  if (ipv4) return isPublicAddress(ipv4);
  return !nonPublic.check(address, 'ipv6');
}

export interface OutboundPolicy {
  denyPrivate: boolean;
  /** Resolves a host name to all its addresses; DNS unless a test substitutes it. */
  resolve?: (host: string) => Promise<string[]>;
}

/**
 * Where to open a socket for a tenant-supplied host. `address` is what to connect to; `servername`
 * (a host name, never an IP literal) is what TLS sends as SNI and checks the certificate against.
 */
export interface OutboundDestination {
  address: string;
  servername?: string;
}

export class OutboundDestinationRefused extends Error {
  constructor(readonly host: string) {
    super(`Outbound connections to ${host} are not allowed: it is not a public internet address`);
    this.name = 'OutboundDestinationRefused';
  }
}

async function resolveWithDns(host: string): Promise<string[]> {
  const addresses = await lookup(host, { all: true, verbatim: true });
  return addresses.map((entry) => entry.address);
}

/**
 * With `denyPrivate`, resolves the host once and refuses it unless every address is public, then
 * names the resolved address to connect to, so a second lookup (DNS rebinding) cannot swap in a
 * private one between the check and the connection. Without it the host is used as given.
 */
export async function outboundDestination(host: string, policy: OutboundPolicy): Promise<OutboundDestination> {
  if (!policy.denyPrivate) return { address: host };
  const literal = host.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(literal) ? [literal] : await (policy.resolve ?? resolveWithDns)(host).catch(() => []);
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) throw new OutboundDestinationRefused(host);
  return { address: addresses[0]!, ...(isIP(literal) ? {} : { servername: host }) };
}
