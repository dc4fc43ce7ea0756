/**
 * `npm run bench:pipeline -- --sends N [--latency MS] [--mailboxes M] [--workers C] [--naive-sends K]
 *   [--n8n-mode single|queue] [--n8n-workers W]`
 *
 * Pushes N sends of one campaign through the real stack — PostgreSQL, the control plane, the
 * provisioned n8n running the campaign-sender workflow with our nodes, and the fake Gmail API (with
 * the given latency per call) — then counts what the fake received. The reference is the naive
 * design: the same workflow claiming one send per execution (K sends, default N). With `--n8n-mode queue`, n8n
 * runs as `OPHIR_N8N_MODE=queue npm start` runs it: a main and W workers (default 2) on REDIS_URL's Redis
 * (default redis://127.0.0.1:6379). Last line: JSON.
 */
import { parseArgs } from 'node:util';
import supertest from 'supertest';
import { N8nClient } from '../src/lib/n8n/n8nClient.js';
import { toWorkflowBody } from '../src/lib/n8n/n8nWorkflow.js';
import { FakeGoogle } from '../src/test/fakes/fakeGoogle.js';
import { headerValue } from '../src/test/fakes/mimeHeaders.js';
import { startSendingCampaign } from '../src/test/campaignFixtures.js';
import { connectOAuthMailbox } from '../src/test/mailboxFlows.js';
import { benchLog, startBenchPlatform } from './platform.js';

const { values: args } = parseArgs({
  options: {
    sends: { type: 'string', default: '10000' },
    latency: { type: 'string', default: '0' },
    mailboxes: { type: 'string', default: '10' },
    workers: { type: 'string', default: '2' },
    'naive-sends': { type: 'string' },
    'naive-workers': { type: 'string', default: '4' },
    'n8n-mode': { type: 'string', default: 'single' },
    'n8n-workers': { type: 'string', default: '2' },
  },
});
const sends = Number(args.sends);
const naiveSends = Number(args['naive-sends'] ?? args.sends);
const mailboxCount = Number(args.mailboxes);
const n8nMode = args['n8n-mode'];
if (n8nMode !== 'single' && n8nMode !== 'queue') throw new Error('--n8n-mode must be single or queue');
const n8nWorkers = n8nMode === 'queue' ? Number(args['n8n-workers']) : 0;

const google = new FakeGoogle();
await google.start();
if (Number(args.latency) > 0) google.setLatency('*', Number(args.latency));
const platform = await startBenchPlatform({
  env: { ...google.env(), N8N_CLAIM_BATCH_SIZE: '500', RECONCILER_ENABLED: 'false', N8N_POLL_MINUTES: '60' },
  n8n: n8nMode === 'queue' ? { mode: 'queue', workers: n8nWorkers } : { mode: 'single' },
});
const http = supertest(platform.app.express);
const n8nApi = new N8nClient({ baseUrl: platform.n8n.url, apiKey: platform.n8nApiKey });

async function histogramP95Ms(): Promise<number> {
  const metric = (await platform.app.metrics.claimDuration.get()).values;
  const buckets = metric.filter((v) => v.metricName?.endsWith('_bucket')).map((v) => ({ le: Number(v.labels.le), count: v.value }));
  const total = metric.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0;
  const bucket = buckets.find((b) => b.count >= total * 0.95);
  return bucket && Number.isFinite(bucket.le) ? bucket.le * 1000 : Number.NaN;
}

/** Makes each tick wait for its execution, so the bench controls how many run at once. */
async function tickWaitsForExecution(workflowId: string, batchSize?: number) {
  const workflow = (await n8nApi.getWorkflow(workflowId))!;
  for (const node of workflow.nodes) {
    if (node.name === 'Tick From Control Plane') node.parameters = { ...node.parameters, responseMode: 'lastNode' };
    if (node.name === 'Claim Due Sends' && batchSize) node.parameters = { ...node.parameters, batchSize };
  }
  await n8nApi.updateWorkflow(workflowId, toWorkflowBody(workflow));
}

async function drive(campaignId: string, total: number, workers: number): Promise<number> {
  const started = performance.now();
  let done = false;
  const countSent = () => platform.prisma.message.count({ where: { campaignId, status: 'sent' } });
  const worker = async () => {
    while (!done) {
      const response = await fetch(`${platform.n8n.url}/webhook/ophir/campaigns/${campaignId}/tick`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      await response.text();
    }
  };
  const progress = (async () => {
    for (let last = -1; ;) {
      const sent = await countSent();
      if (sent !== last) benchLog(`${sent}/${total} sent after ${((performance.now() - started) / 1000).toFixed(1)} s`);
      last = sent;
      if (sent >= total) break;
      if (performance.now() - started > 30 * 60_000) throw new Error('gave up after 30 minutes');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    done = true;
  })();
  await Promise.all([progress, ...Array.from({ length: workers }, worker)]);
  return (performance.now() - started) / 1000;
}

function deliveredCounts(senders: string[], tag: string): Map<string, number> {
  const perRecipient = new Map<string, number>();
  for (const sender of senders) {
    for (const message of google.messagesOf(sender)) {
      const to = headerValue(message.headers, 'to') ?? '';
      if (!to.includes(`.${tag}@`)) continue;
      perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
  }
  return perRecipient;
}

try {
  const session = await http
    .post('/api/auth/register')
    .send({ email: 'bench@ophir.example', password: 'bench password 1', name: 'Bench', organizationName: 'Bench' });
  const auth = { Authorization: `Bearer ${session.body.accessToken}` };
  const organizationId = session.body.organization.id as string;
  const senders: string[] = [];
  const mailboxIds: string[] = [];
  for (let i = 0; i < mailboxCount; i += 1) {
    const email = `sender${i}@gmail.example`;
    google.nextConsent({ email });
    const connected = await connectOAuthMailbox({ http }, auth, 'gmail');
    if (!connected.mailboxId) throw new Error(`connect failed: ${connected.error}`);
    senders.push(email);
    mailboxIds.push(connected.mailboxId);
  }
  await platform.prisma.mailbox.updateMany({
    where: { id: { in: mailboxIds } },
    data: { dailyCap: 1_000_000, rampEnabled: false, minGapSeconds: 0, gapJitterSeconds: 0 },
  });

  benchLog(`enrolling ${sends} leads`);
  const main = await startSendingCampaign({
    http,
    prisma: platform.prisma,
    auth,
    organizationId,
    mailboxIds,
    leads: sends,
    name: 'Pipeline bench',
  });
  await tickWaitsForExecution(main.workflowId);
  const seconds = await drive(main.campaignId, sends, Number(args.workers));
  const delivered = deliveredCounts(senders, main.tag);
  const duplicates = [...delivered.values()].reduce((sum, n) => sum + (n - 1), 0);
  const lost = sends - delivered.size;
  const claimP95Ms = await histogramP95Ms();
  await http.post(`/api/campaigns/${main.campaignId}/pause`).set(auth);

  benchLog(`naive reference: ${naiveSends} sends, one execution each`);
  const naive = await startSendingCampaign({
    http,
    prisma: platform.prisma,
    auth,
    organizationId,
    mailboxIds,
    leads: naiveSends,
    name: 'Naive bench',
  });
  await tickWaitsForExecution(naive.workflowId, 1);
  const naiveSeconds = await drive(naive.campaignId, naiveSends, Number(args['naive-workers']));
  const naiveDelivered = deliveredCounts(senders, naive.tag);

  const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
  console.log(
    JSON.stringify({
      sends,
      seconds: round(seconds),
      sendsPerSecond: round(sends / seconds, 1),
      claimP95Ms,
      duplicates,
      lost,
      latencyMs: Number(args.latency),
      mailboxes: mailboxCount,
      mode: n8nMode,
      workers: n8nWorkers,
      naive: {
        sends: naiveSends,
        seconds: round(naiveSeconds),
        sendsPerSecond: round(naiveSends / naiveSeconds, 1),
        duplicates: [...naiveDelivered.values()].reduce((sum, n) => sum + (n - 1), 0),
        lost: naiveSends - naiveDelivered.size,
      },
    }),
  );
} finally {
  await platform.stop();
  await google.stop();
}
