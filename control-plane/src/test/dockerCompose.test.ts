// docker-compose.yml starts: each control-plane service's environment, resolved as compose resolves it,
// passes the control plane's own config loader, and the n8n services agree on what queue mode needs.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config.js';
import { repoRoot } from '../lib/paths.js';
import { queueModeEnvironmentProblems } from '../runtime/n8n/queueMode.js';
import { ComposeInterpolationError, interpolate, loadComposeServices, type ComposeService } from './composeFile.js';

const composeFile = path.join(repoRoot, 'docker-compose.yml');
const composeText = readFileSync(composeFile, 'utf8');
// The variables compose refuses to start without (`${VAR:?message}`): what an operator must set.
const requiredVariables = [...new Set([...composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)].map((match) => match[1]!))];
const operatorEnvironment: Record<string, string> = {
  POSTGRES_PASSWORD: 'postgres-secret',
  N8N_ENCRYPTION_KEY: 'n8n-encryption-key',
  JWT_SECRET: 'j'.repeat(40),
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  ENCRYPTION_ACTIVE_KEY_ID: 'k1',
  N8N_OWNER_PASSWORD: 'Owner-password-1',
};

const services = loadComposeServices(composeFile, operatorEnvironment);
const named = (predicate: (service: ComposeService) => boolean) => Object.keys(services).filter((name) => predicate(services[name]!));
const controlPlanes = named((service) => service.build?.dockerfile === 'control-plane/Dockerfile');
const n8ns = named((service) => service.image?.startsWith('n8nio/n8n:') ?? false);
const [postgres] = named((service) => service.image?.startsWith('postgres:') ?? false);
const [redis] = named((service) => service.image?.startsWith('redis:') ?? false);

describe('compose interpolation', () => {
  it('resolves defaults, empty values and escapes as compose does', () => {
    const env = { SET: 'v', EMPTY: '' };
    expect(interpolate('${SET:-d} ${EMPTY:-d} ${UNSET:-d} ${EMPTY-d} ${UNSET-d} ${UNSET} $SET $$HOME ${SET:+alt} ${EMPTY+alt}', env)).toBe(
      'v d d  d  v $HOME alt alt',
    );
    expect(() => interpolate('${EMPTY:?set EMPTY}', env)).toThrow(ComposeInterpolationError);
  });
});

describe('docker-compose.yml', () => {
  it('names every secret an operator must set in its usage comment, and refuses to start without each', () => {
    expect(requiredVariables.sort()).toEqual(Object.keys(operatorEnvironment).sort());
    const usage = composeText
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .join('\n');
    for (const name of requiredVariables) {
      expect(usage).toContain(`${name}=`);
      const { [name]: _left, ...without } = operatorEnvironment;
      expect(() => loadComposeServices(composeFile, without), name).toThrow(ComposeInterpolationError);
    }
  });

  it("passes every control-plane service's environment through the config loader the process uses", () => {
    expect(controlPlanes.length).toBeGreaterThan(0);
    for (const name of controlPlanes) {
      const config = loadConfig(services[name]!.environment);
      // `${N8N_API_KEY:-}` is empty when unset: the control plane then bootstraps n8n with the owner's password.
      expect(config.N8N_API_KEY).toBeUndefined();
      expect(services[name]!.environment.N8N_OWNER_PASSWORD).toBe(operatorEnvironment.N8N_OWNER_PASSWORD);
      expect(config.NODE_ENV).toBe('production');
      expect(config.OUTBOUND_DENY_PRIVATE).toBe(true);
    }
  });

  it('points the control plane at services that exist: n8n, and PostgreSQL with its own credentials', () => {
    for (const name of controlPlanes) {
      const config = loadConfig(services[name]!.environment);
      expect(n8ns).toContain(new URL(config.N8N_URL!).hostname);
      const database = new URL(config.DATABASE_URL);
      expect(database.hostname).toBe(postgres);
      const postgresEnvironment = services[postgres!]!.environment;
      expect(decodeURIComponent(database.username)).toBe(postgresEnvironment.POSTGRES_USER);
      expect(decodeURIComponent(database.password)).toBe(postgresEnvironment.POSTGRES_PASSWORD);
      expect(database.pathname).toBe(`/${postgresEnvironment.POSTGRES_DB}`);
    }
  });

  it('gives n8n a callback address it can reach: the control-plane service by name, on the port it listens on', () => {
    for (const name of controlPlanes) {
      const config = loadConfig(services[name]!.environment);
      const callback = new URL(config.N8N_CALLBACK_BASE_URL!);
      expect(callback.hostname).toBe(name);
      expect(Number(callback.port || 80)).toBe(config.PORT);
    }
  });

  it('runs n8n in queue mode with a main and a worker that share Redis, PostgreSQL, the encryption key and our nodes', () => {
    expect(n8ns.length).toBeGreaterThanOrEqual(2);
    expect(n8ns.map((name) => services[name]!.command?.[0] ?? 'main').sort()).toEqual(['main', 'worker']);
    const [main, ...workers] = n8ns.map((name) => services[name]!);
    for (const worker of workers) expect(worker.environment).toEqual(main!.environment);
    const env = main!.environment;
    expect(env).toMatchObject({
      EXECUTIONS_MODE: 'queue',
      QUEUE_BULL_REDIS_HOST: redis,
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: postgres,
      DB_POSTGRESDB_USER: services[postgres!]!.environment.POSTGRES_USER,
      DB_POSTGRESDB_PASSWORD: services[postgres!]!.environment.POSTGRES_PASSWORD,
      N8N_ENCRYPTION_KEY: operatorEnvironment.N8N_ENCRYPTION_KEY,
    });
    for (const service of [main!, ...workers]) {
      expect(service.volumes.some((volume) => volume.split(':')[1] === env.N8N_CUSTOM_EXTENSIONS)).toBe(true);
    }
  });

  it("passes every n8n service's environment through the queue-mode check the launcher applies to its own n8n", () => {
    for (const name of n8ns) {
      const role = services[name]!.command?.[0] === 'worker' ? 'worker' : 'main';
      expect(queueModeEnvironmentProblems(services[name]!.environment, role), name).toEqual([]);
    }
  });

  it('runs the n8n version the local runtime pins', () => {
    const runtime = JSON.parse(readFileSync(path.join(repoRoot, 'scripts', 'n8n-runtime', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of n8ns) expect(services[name]!.image, name).toBe(`n8nio/n8n:${runtime.dependencies.n8n}`);
  });
});
