// Probes and metrics on the real app and a real PostgreSQL, with no n8n configured.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callAsN8n } from '../../test/n8nCallbacks.js';
import { seedCampaign } from '../../test/campaignFixtures.js';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';
import { Readiness, type ReadinessReport } from './readiness.js';

let t: TestApp;
let withToken: TestApp;
const metricsToken = 'metrics-token-0123456789';

beforeAll(async () => {
  t = await createTestApp();
  withToken = await createTestApp({ env: { METRICS_TOKEN: metricsToken } });
});

afterAll(async () => {
  await t?.close();
  await withToken?.close();
});

describe('readiness tells the truth', () => {
  it('is not ready without n8n, and says which dependency fails and why', async () => {
    const response = await t.http.get('/readyz');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      status: 'not_ready',
      checks: {
        database: { status: 'ok' },
        n8n: { status: 'failing', detail: 'n8n is not configured (N8N_URL)' },
        n8n_credential: { status: 'failing', detail: 'n8n is not configured (N8N_URL)' },
        reconciler: { status: 'ok', detail: 'not scheduled in this process' },
      },
    });
  });

  it('narrows to the named checks, and names an unknown one instead of passing it', async () => {
    expect((await t.http.get('/readyz?check=database')).status).toBe(200);
    const unknown = await t.http.get('/readyz?check=database,dtabase');
    expect(unknown.status).toBe(503);
    expect(unknown.body.checks.dtabase.detail).toContain('database, n8n, n8n_credential, reconciler');
  });

  it('bounds a check that hangs instead of hanging the probe', async () => {
    const readiness = new Readiness();
    readiness.register('stuck', () => new Promise(() => undefined));
    vi.useFakeTimers();
    try {
      let report: ReadinessReport | undefined;
      void readiness.evaluate().then((answered) => (report = answered));
      await vi.advanceTimersByTimeAsync(2_999);
      expect(report).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(report).toEqual({
        status: 'not_ready',
        checks: { stuck: { status: 'failing', detail: 'no answer within 3 s' } },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps liveness independent of dependencies', async () => {
    expect((await t.http.get('/healthz')).body).toEqual({ status: 'ok' });
  });
});

describe('/metrics is not public', () => {
  it('serves loopback callers when no token is configured, but not a request that came through a proxy', async () => {
    expect((await t.http.get('/metrics')).status).toBe(200);
    const proxied = await t.http.get('/metrics').set('X-Forwarded-For', '203.0.113.9');
    expect(proxied.status).toBe(401);
    expect(proxied.body.detail).toContain('METRICS_TOKEN');
  });

  it('requires the bearer token when one is configured, from loopback too', async () => {
    expect((await withToken.http.get('/metrics')).status).toBe(401);
    expect((await withToken.http.get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789')).status).toBe(401);
    const scraped = await withToken.http.get('/metrics').set('Authorization', `Bearer ${metricsToken}`);
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('http_requests_total');
  });
});

describe('metrics an operator alerts on', () => {
  it("reports each active campaign's time since its workflow last claimed", async () => {
    const owner = await signUp(t.http);
    const { campaign } = await seedCampaign(t.prisma, { organizationId: owner.organization.id, leads: 1 });
    const beforeClaim = Date.now();
    expect((await callAsN8n(t, '/api/internal/n8n/claims', { campaignId: campaign.id, batchSize: 10 })).status).toBe(200);
    const claimAge = async () => {
      const text = (await t.http.get('/metrics')).text;
      const line = text.split('\n').find((row) => row.startsWith(`ophir_campaign_seconds_since_last_claim{campaign_id="${campaign.id}"}`));
      return Number(line?.split(' ')[1]);
    };
    // No older than the claim just made, however long this host took since (seconds, rounded up).
    expect(await claimAge()).toBeLessThanOrEqual(Math.ceil((Date.now() - beforeClaim) / 1000));
    await t.prisma.$executeRaw`UPDATE campaigns SET "lastClaimAt" = now() - interval '2 hours' WHERE id = ${campaign.id}::uuid`;
    expect(await claimAge()).toBeGreaterThanOrEqual(7200);
    await t.prisma.campaign.update({ where: { id: campaign.id }, data: { status: 'paused' } });
    expect(Number.isNaN(await claimAge())).toBe(true);
  });

  it('counts reconciler passes cut short by an unavailable n8n', async () => {
    const owner = await signUp(t.http);
    expect((await t.http.post('/api/mailboxes/sandbox').set(owner.auth).send({ email: 'watched@ophir.example' })).status).toBe(201);
    expect((await t.app.reconciler.runOnce()).n8nUnavailable).toBe(true);
    expect((await t.http.get('/metrics')).text).toMatch(/ophir_reconcile_failures_total\{kind="n8n_unavailable"\} [1-9]/);
  });
});
