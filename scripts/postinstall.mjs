// Root `npm install` follow-up: the Prisma client, our n8n nodes, and the local n8n runtime.
// Each step is skipped where it does not apply (the control-plane Docker image has no custom-nodes
// sources and uses the n8n container, so it only generates the client).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(label, command, args) {
  console.log(`[postinstall] ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[postinstall] ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

run('generating the Prisma client', npm, ['run', 'generate', '-w', '@ophir/control-plane']);
if (existsSync(path.join(root, 'custom-nodes', 'tsconfig.build.json'))) {
  run('building the n8n nodes (custom-nodes/dist)', npm, ['run', 'build', '-w', 'custom-nodes']);
}
if (existsSync(path.join(root, 'control-plane', 'web', 'vite.config.ts'))) {
  run('building the web app (control-plane/web/dist)', npm, ['run', 'build', '-w', '@ophir/web']);
}
run('provisioning n8n', process.execPath, [path.join(root, 'scripts', 'provision-n8n.mjs')]);
