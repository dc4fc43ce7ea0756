import { describe, expect, it } from 'vitest';
import { trustProxySchema } from './trustProxy.js';

describe('TRUST_PROXY', () => {
  it('accepts off, a hop count, and lists of proxy addresses, subnets and named ranges', () => {
    expect(trustProxySchema.parse('false')).toBe(false);
    expect(trustProxySchema.parse('off')).toBe(false);
    expect(trustProxySchema.parse('1')).toBe(1);
    expect(trustProxySchema.parse('10.0.0.0/8, loopback,fd00::/8,192.0.2.7')).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8', '192.0.2.7']);
  });

  it('refuses true, which would let any client pick its own address, and explains why', () => {
    const result = trustProxySchema.safeParse('true');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/any client could pick its own address.*number of proxies/);
  });

  it('refuses what is neither an address nor a subnet', () => {
    for (const value of ['proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/8/2']) {
      expect(trustProxySchema.safeParse(value).success, value).toBe(false);
    }
  });
});
