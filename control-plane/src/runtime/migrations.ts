import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { controlPlaneRoot } from '../lib/paths.js';

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');

const appliedMarkers = ['All migrations have been successfully applied', 'No pending migrations to apply'];

function runPrisma(args: string[], databaseUrl: string, onLog: (line: string) => void, stopWhenOutputHas: string[] = []) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], {
      cwd: controlPlaneRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let finished = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) onLog(line.trimEnd());
      // Prisma 6.19's wasm schema engine leaves a 10 s timer behind after a successful deploy; once
      // it has reported success there is nothing left to wait for (the status check below confirms it).
      if (!finished && stopWhenOutputHas.some((marker) => output.includes(marker))) {
        finished = true;
        setTimeout(() => child.kill('SIGTERM'), 200).unref();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: finished ? 0 : code, output }));
  });
}

/** Applies pending migrations from the top-level migrations/ folder with Prisma's own `migrate deploy`. */
export async function applyMigrations(options: { databaseUrl: string; onLog?: (line: string) => void }): Promise<void> {
  const onLog = options.onLog ?? (() => undefined);
  const deploy = await runPrisma(['migrate', 'deploy'], options.databaseUrl, onLog, appliedMarkers);
  if (deploy.code !== 0) throw new Error(`prisma migrate deploy failed:\n${deploy.output.slice(-4000)}`);
  const status = await runPrisma(['migrate', 'status'], options.databaseUrl, onLog);
  if (status.code !== 0) throw new Error(`The database is not up to date after migrating:\n${status.output.slice(-4000)}`);
}
