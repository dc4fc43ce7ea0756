import { Resolver } from 'node:dns/promises';
import type { Config } from '../config.js';

export interface DnsSettings {
  /** "ip" or "ip:port" (IPv6 as "[ip]:port"); none means the system's resolvers. */
  servers?: string[];
  /** One query's deadline; Node doubles it for each retry, so one try keeps the whole lookup within it. */
  timeoutMs: number;
}

export function dnsSettings(config: Config): DnsSettings {
  return { servers: config.OPHIR_DNS_SERVERS, timeoutMs: config.OPHIR_DNS_TIMEOUT_MS };
}

/**
 * A resolver of its own (never Node's process-wide one, which `dns.setServers` would change for
 * every other lookup) asking the configured servers, each query bounded by the timeout.
 */
export function createDnsResolver(settings: DnsSettings): Resolver {
  const resolver = new Resolver({ timeout: settings.timeoutMs, tries: 1 });
  if (settings.servers?.length) resolver.setServers(settings.servers);
  return resolver;
}

/** What a lookup found out when it found no record: the name does not exist, has no record of that type, or no answer came. */
export type DnsMiss = 'nxdomain' | 'no_data' | 'timeout' | 'error';

/** Node's error codes for a failed lookup, as what they say about the name. */
export function dnsMiss(error: unknown): DnsMiss {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOTFOUND':
      return 'nxdomain';
    case 'ENODATA':
      return 'no_data';
    case 'ETIMEOUT':
      return 'timeout';
    default:
      return 'error';
  }
}

export type DnsAnswer<T> = { found: true; records: T[] } | { found: false; miss: DnsMiss };

/** A lookup's records, or what its failure says (an empty answer counts as no data). */
export async function dnsAnswer<T>(lookup: Promise<T[]>): Promise<DnsAnswer<T>> {
  try {
    const records = await lookup;
    return records.length > 0 ? { found: true, records } : { found: false, miss: 'no_data' };
  } catch (error) {
    return { found: false, miss: dnsMiss(error) };
  }
}
