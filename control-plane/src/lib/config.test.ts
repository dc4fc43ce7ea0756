import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, launcherSettings, loadConfig } from './config.js';

const valid = {
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/ophir',
  JWT_SECRET: 'x'.repeat(40),
  ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')},k0:${randomBytes(32).toString('base64')}`,
  ENCRYPTION_ACTIVE_KEY_ID: 'k1',
};

describe('loadConfig', () => {
  it('parses a valid environment with defaults', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.ENCRYPTION_KEYS.size).toBe(2);
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
  });

  it('fails fast naming every bad variable', () => {
    const attempt = () => loadConfig({ ...valid, DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', PORT: 'eighty' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('JWT_SECRET: must be at least 32 characters');
      expect(message).toContain('PORT');
    }
  });

  it('treats an empty variable as unset, so docker-compose defaults like ${N8N_API_KEY:-} start', () => {
    const config = loadConfig({ ...valid, N8N_API_KEY: '', PUBLIC_URL: '', PORT: '' });
    expect(config.N8N_API_KEY).toBeUndefined();
    expect(config.PUBLIC_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(() => loadConfig({ ...valid, JWT_SECRET: '' })).toThrow(/JWT_SECRET/);
  });

  it('refuses a DATABASE_URL sslmode that libpq does not know', () => {
    expect(loadConfig({ ...valid, DATABASE_URL: `${valid.DATABASE_URL}?sslmode=verify-full` }).DATABASE_URL).toContain('verify-full');
    expect(() => loadConfig({ ...valid, DATABASE_URL: `${valid.DATABASE_URL}?sslmode=on` })).toThrow(
      /DATABASE_URL: sslmode must be one of/,
    );
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'not a url' })).toThrow(ConfigError);
  });

  it('rejects malformed encryption keys and an active key that is not in the ring', () => {
    expect(() => loadConfig({ ...valid, ENCRYPTION_KEYS: 'k1:dG9vc2hvcnQ=' })).toThrow(/ENCRYPTION_KEYS/);
    expect(() => loadConfig({ ...valid, ENCRYPTION_ACTIVE_KEY_ID: 'k9' })).toThrow(
      /ENCRYPTION_ACTIVE_KEY_ID: must name one of the ENCRYPTION_KEYS/,
    );
  });
});

describe('launcherSettings', () => {
  it('runs everything by default and a control plane alone as a replica, which needs the shared database and n8n', () => {
    expect(launcherSettings({}).role).toBe('all');
    const replica = { OPHIR_ROLE: 'replica', DATABASE_URL: valid.DATABASE_URL, N8N_URL: 'http://n8n:5678' };
    expect(launcherSettings(replica).role).toBe('replica');
    expect(() => launcherSettings({ ...replica, N8N_URL: undefined })).toThrow(/set DATABASE_URL and N8N_URL/);
    expect(() => launcherSettings({ ...replica, DATABASE_URL: '' })).toThrow(ConfigError);
    expect(() => launcherSettings({ OPHIR_ROLE: 'worker' })).toThrow(/OPHIR_ROLE: expected "all" or "replica"/);
  });
});
