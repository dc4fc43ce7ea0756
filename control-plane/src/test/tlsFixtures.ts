import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TlsFixtures {
  folder: string;
  caPath: string;
  serverCertPath: string;
  serverKeyPath: string;
}

/**
 * A throwaway CA and a server certificate for `hostName`, made with openssl in a scratch folder for one
 * test run: no private key is ever committed, and none outlives the day.
 */
export function makeTlsFixtures(hostName: string): TlsFixtures {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ophir-tls-'));
  const file = (name: string) => path.join(folder, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ecKey, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=Ophir test CA');
  openssl('req', ...ecKey, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', `/CN=${hostName}`);
  writeFileSync(file('server.ext'), `subjectAltName=DNS:${hostName}\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '1',
    '-extfile',
    file('server.ext'),
  );
  return { folder, caPath: file('ca.pem'), serverCertPath: file('server.pem'), serverKeyPath: file('server.key') };
}
