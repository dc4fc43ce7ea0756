// Two replicas contend for the leadership lock on a real PostgreSQL: one leads, and the other takes
// over when the leader's connection dies (terminated by the server, as when its process is killed).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase.js';
import { until } from '../../test/until.js';
import { pgConnectionOptions } from './connectionOptions.js';
import { controlPlaneLeaderLockKey, Leadership } from './leadership.js';

let database: TestDatabase;
let admin: pg.Client;

interface Replica {
  leadership: Leadership;
  running: () => boolean;
  log: string[];
}

function replica(name: string): Replica {
  let running = false;
  const log: string[] = [];
  const leadership = new Leadership({
    databaseUrl: database.url,
    lockKey: controlPlaneLeaderLockKey,
    checkIntervalMs: 100,
    jobs: [
      {
        name: `${name}'s job`,
        start: () => {
          expect(running).toBe(false);
          running = true;
        },
        stop: () => {
          running = false;
        },
      },
    ],
    log: ({ change }) => log.push(change),
  });
  return { leadership, running: () => running, log };
}

/** The server-side session of a replica's leadership connection. */
async function leaderBackends(): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return rows.map((row) => row.pid);
}

describe('leadership among replicas', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Client(pgConnectionOptions(database.url));
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  it('lets one replica lead, and the other take over when the leader’s connection dies', async () => {
    const first = replica('first');
    const second = replica('second');
    await first.leadership.start();
    await second.leadership.start();
    expect(first.leadership.isLeader).toBe(true);
    expect(first.running()).toBe(true);
    expect(second.leadership.isLeader).toBe(false);
    expect(second.running()).toBe(false);
    // The standby keeps trying; several of its attempts go by without it leading.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(second.running()).toBe(false);
    expect(await leaderBackends()).toHaveLength(1);

    const [leaderPid] = await leaderBackends();
    await admin.query('SELECT pg_terminate_backend($1)', [leaderPid]);
    await until('the second replica to lead', () => second.leadership.isLeader, 10_000);
    expect(second.running()).toBe(true);
    await until('the first replica to notice it lost', () => first.log.includes('lost'), 10_000);
    expect(first.running()).toBe(false);
    expect(first.leadership.isLeader).toBe(false);

    // The old leader, its connection back, stands by: it does not lead beside the new one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(first.leadership.isLeader).toBe(false);
    expect(await leaderBackends()).toHaveLength(1);

    // A leader that stops hands over at once (the lock goes with its connection).
    await second.leadership.stop();
    expect(second.running()).toBe(false);
    expect(second.log).toEqual(['gained', 'released']);
    await until('the first replica to lead again', () => first.leadership.isLeader, 10_000);
    expect(first.running()).toBe(true);
    await first.leadership.stop();
    expect(first.log).toEqual(['gained', 'lost', 'gained', 'released']);
    expect(await leaderBackends()).toHaveLength(0);
  });
});
