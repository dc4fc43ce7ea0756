/**
 * `npm run bench:deploy [-- --campaigns 20]`: time from "start campaign" to an active workflow whose
 * tick webhook answers, over N campaigns, on the real n8n. Last line: JSON with deploySeconds p50/p95.
 */
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import supertest from 'supertest';
import { benchLog, percentile, startBenchPlatform } from './platform.js';

const { values: args } = parseArgs({ options: { campaigns: { type: 'string', default: '20' } } });
const count = Number(args.campaigns);

const platform = await startBenchPlatform({ env: { RECONCILER_ENABLED: 'false' } });
try {
  const http = supertest(platform.app.express);
  const session = await http
    .post('/api/auth/register')
    .send({ email: 'bench@ophir.example', password: 'bench password 1', name: 'Bench', organizationName: 'Bench' });
  const auth = { Authorization: `Bearer ${session.body.accessToken}` };
  const timings: number[] = [];
  // A campaign starts only with a sequence and an active mailbox; setting them up is not timed.
  const mailbox = await http.post('/api/mailboxes/sandbox').set(auth).send({ email: 'bench-sender@ophir.example' });
  const sequence = { steps: [{ delayAmount: 0, variants: [{ label: 'A', subject: 'Bench', bodyText: 'Bench {{unsubscribeUrl}}' }] }] };
  for (let i = 0; i < count; i += 1) {
    const campaign = await http
      .post('/api/campaigns')
      .set(auth)
      .send({ name: `Bench campaign ${i}`, mailboxIds: [mailbox.body.id] });
    await http.put(`/api/campaigns/${campaign.body.id}/sequence`).set(auth).send(sequence);
    const started = performance.now();
    const response = await http.post(`/api/campaigns/${campaign.body.id}/start`).set(auth);
    if (response.body.deployment?.status !== 'active') throw new Error(`deploy failed: ${JSON.stringify(response.body)}`);
    // Callable means n8n accepts the tick on the campaign's webhook.
    for (;;) {
      const tick = await fetch(`${platform.n8n.url}/webhook/ophir/campaigns/${campaign.body.id}/tick`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      if (tick.ok) break;
      await sleep(10);
    }
    timings.push((performance.now() - started) / 1000);
    benchLog(`campaign ${i + 1}/${count}: ${timings.at(-1)!.toFixed(3)} s`);
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  console.log(
    JSON.stringify({
      campaigns: count,
      deploySeconds: { p50: round(percentile(timings, 50)), p95: round(percentile(timings, 95)), max: round(Math.max(...timings)) },
    }),
  );
} finally {
  await platform.stop();
}
