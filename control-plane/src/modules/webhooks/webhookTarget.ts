import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import {
  isPublicAddress,
  outboundDestination,
  OutboundDestinationRefused,
  type OutboundDestination,
} from '../../lib/net/outboundDestination.js';

export interface TargetPolicy {
  /** The organization allows plain http, for targets on its own network (never the internet). */
  allowHttp: boolean;
  /** OUTBOUND_DENY_PRIVATE: refuse loopback, private and other non-public addresses. */
  denyPrivate: boolean;
  resolve?: (host: string) => Promise<string[]>;
}

export class WebhookTargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetRefused';
  }
}

async function resolveWithDns(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}

/**
 * Where a delivery may connect for `url`, checked on every attempt (DNS may have changed since the
 * subscription was saved): HTTPS, or http when the organization allows it and every address of the host
 * is local; with `denyPrivate`, only public addresses, and the one resolved here is the one connected to.
 */
export async function webhookDestination(url: URL, policy: TargetPolicy): Promise<OutboundDestination> {
  if (url.username || url.password) throw new WebhookTargetRefused('The URL must not carry a user name or password');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.protocol === 'http:') {
    if (!policy.allowHttp)
      throw new WebhookTargetRefused('The URL must use https (an admin can allow http for local targets in the webhook settings)');
    const addresses = isIP(host) ? [host] : await (policy.resolve ?? resolveWithDns)(host).catch(() => []);
    if (addresses.length === 0 || addresses.some(isPublicAddress))
      throw new WebhookTargetRefused('Plain http is allowed for local targets only: this host has a public address, use https');
  } else if (url.protocol !== 'https:') {
    throw new WebhookTargetRefused('The URL must use https');
  }
  try {
    return await outboundDestination(url.hostname, {
      denyPrivate: policy.denyPrivate,
      ...(policy.resolve ? { resolve: policy.resolve } : {}),
    });
  } catch (error) {
    if (error instanceof OutboundDestinationRefused)
      throw new WebhookTargetRefused('This host is not a public internet address, and this server refuses private targets');
    throw error;
  }
}
