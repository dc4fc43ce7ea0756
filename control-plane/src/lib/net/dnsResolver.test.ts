// The DNS settings as configured and the resolver built from them (its servers, never the process-wide ones).
import { randomBytes } from 'node:crypto';
import { getServers } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { createDnsResolver, dnsAnswer, dnsSettings } from './dnsResolver.js';

const required = {
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/ophir',
  JWT_SECRET: 'x'.repeat(40),
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  ENCRYPTION_ACTIVE_KEY_ID: 'k1',
};

describe('DNS settings', () => {
  it('reads a list of servers with ports and the timeout, and leaves the system resolvers alone', () => {
    const systemServers = getServers();
    const settings = dnsSettings(
      loadConfig({ ...required, OPHIR_DNS_SERVERS: '127.0.0.1:5353, [::1]:53,9.9.9.9', OPHIR_DNS_TIMEOUT_MS: '800' }),
    );
    expect(settings).toEqual({ servers: ['127.0.0.1:5353', '[::1]:53', '9.9.9.9'], timeoutMs: 800 });
    // Node names a server on the default port without it.
    expect(createDnsResolver(settings).getServers()).toEqual(['127.0.0.1:5353', '::1', '9.9.9.9']);
    expect(getServers()).toEqual(systemServers);
    expect(dnsSettings(loadConfig(required))).toEqual({ servers: undefined, timeoutMs: 3000 });
  });

  it('refuses a server that is not an IP address', () => {
    expect(() => loadConfig({ ...required, OPHIR_DNS_SERVERS: 'dns.example.com' })).toThrow(ConfigError);
  });

  it('names what a failed lookup says about the name', async () => {
    const failing = (code: string) => Promise.reject(Object.assign(new Error(code), { code }));
    expect(await dnsAnswer(failing('ENOTFOUND'))).toEqual({ found: false, miss: 'nxdomain' });
    expect(await dnsAnswer(failing('ENODATA'))).toEqual({ found: false, miss: 'no_data' });
    expect(await dnsAnswer(failing('ETIMEOUT'))).toEqual({ found: false, miss: 'timeout' });
    expect(await dnsAnswer(failing('ESERVFAIL'))).toEqual({ found: false, miss: 'error' });
    expect(await dnsAnswer(Promise.resolve([]))).toEqual({ found: false, miss: 'no_data' });
    expect(await dnsAnswer(Promise.resolve(['a']))).toEqual({ found: true, records: ['a'] });
  });
});
