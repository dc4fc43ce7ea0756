import { isIP } from 'node:net';
import { z } from 'zod';

/** What Express's `trust proxy` setting receives: off, a number of proxy hops, or the proxies' addresses and subnets. */
export type TrustProxy = false | number | string[];

const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `false`/`off` (default: the socket's peer is the client), a hop count (`1` behind one
 * reverse proxy), or a comma-separated list of the proxies' addresses, subnets and the names
 * `loopback`, `linklocal`, `uniquelocal`. `true` is refused: trusting every hop would let any
 * client choose its own address with X-Forwarded-For and so escape per-address limits.
 */
export const trustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    const lower = value.toLowerCase();
    if (lower === 'false' || lower === 'off' || lower === '0') return false;
    if (lower === 'true' || lower === 'on') {
      ctx.addIssue({
        code: 'custom',
        message:
          'true would trust every X-Forwarded-For hop, so any client could pick its own address and escape the per-address sign-in limit; ' +
          'give the number of proxies in front of the control plane (e.g. 1) or their addresses/subnets (e.g. 10.0.0.0/8,loopback)',
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(lower)) return Number(lower);
    const entries = lower.split(',').map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !isAddressOrSubnet(entry));
    if (invalid.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected false, a hop count, or addresses/subnets/loopback/linklocal/uniquelocal separated by commas; not understood: ${invalid.join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  });
