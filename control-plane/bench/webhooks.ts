/**
 * `npm run bench:webhooks -- --events N` (default 20,000)
 *
 * Outbound webhooks end to end: N events written to the outbox (10 per transaction, from 4 connections at
 * once, as concurrent requests of the producing modules write them) while the delivery worker runs as in production (64 attempts in flight), POSTed to a local
 * receiver that verifies every Standard Webhooks signature, on PostgreSQL (DATABASE_URL, or an embedded
 * one). Measures from the first write to the last delivery: events/s, delivery latency (receipt minus
 * the event's time), duplicates (a webhook-id received twice) and lost (never received). The last line is JSON.
 * `--prefilled` writes every event first and times the delivery alone (the worker's own throughput).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { systemClock } from '../src/lib/clock.js';
import { SecretBox } from '../src/lib/crypto.js';
import { createPrismaClient } from '../src/lib/db/prisma.js';
import { createLogger } from '../src/lib/logger.js';
import { recordWebhookEvents } from '../src/lib/webhooks/webhookOutbox.js';
import { WebhookDeliveries } from '../src/modules/webhooks/webhookDelivery.js';
import { newWebhookSecret, sealWebhookSecret } from '../src/modules/webhooks/webhookSecrets.js';
import { createScratchDatabase } from './scratchDatabase.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' }, prefilled: { type: 'boolean', default: false } } });
const events = Number(values.events);
const eventsPerTransaction = 10;
const concurrency = 64;
const producerConnections = 4;
const giveUpAfterMs = 300_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** A receiver that verifies each request's signature and counts webhook-ids; a bad signature is a 401. */
async function startReceiver(secret: string) {
  const verifier = new Webhook(secret);
  const seen = new Map<string, number>();
  const latencies: number[] = [];
  let badSignatures = 0;
  let lastReceivedAt = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const payload = verifier.verify(body, req.headers as Record<string, string>) as { timestamp: string };
        const id = req.headers['webhook-id'] as string;
        seen.set(id, (seen.get(id) ?? 0) + 1);
        lastReceivedAt = Date.now();
        latencies.push(lastReceivedAt - Date.parse(payload.timestamp));
        res.writeHead(204).end();
      } catch {
        badSignatures += 1;
        res.writeHead(401).end();
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    seen,
    latencies,
    badSignatures: () => badSignatures,
    lastReceivedAt: () => lastReceivedAt,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function main() {
  const database = await createScratchDatabase(`bench_webhooks_${process.pid}`, log);
  const prisma = createPrismaClient({ databaseUrl: database.url.toString(), poolSize: 10 });
  // The producers (API requests, n8n callbacks) have their own connections, as in one process they share a larger pool.
  const producers = createPrismaClient({ databaseUrl: database.url.toString(), poolSize: producerConnections });
  const secrets = new SecretBox(new Map([['bench', randomBytes(32)]]), 'bench');
  const secret = newWebhookSecret();
  const receiver = await startReceiver(secret);
  const deliveries = new WebhookDeliveries({
    prisma,
    clock: systemClock,
    logger: createLogger({ level: 'warn' }),
    secrets,
    denyPrivate: false,
    timeoutMs: 10_000,
    concurrency,
    pollMs: 50,
    retention: { deliveredDays: 30, failedDays: 90 },
  });
  try {
    const organizationId = randomUUID();
    await prisma.$executeRaw`INSERT INTO organizations (id, name, "updatedAt") VALUES (${organizationId}::uuid, 'bench', now())`;
    await prisma.webhookSettings.create({ data: { organizationId, allowHttp: true } });
    const endpointId = randomUUID();
    const sealed = sealWebhookSecret(secrets, endpointId, secret);
    await prisma.webhookEndpoint.create({
      data: {
        id: endpointId,
        organizationId,
        url: receiver.url,
        eventTypes: ['lead.replied'],
        secretCiphertext: sealed.ciphertext,
        secretKeyId: sealed.keyId,
      },
    });

    log(
      `writing ${events} events (${eventsPerTransaction} per transaction) ${values.prefilled ? 'before delivering' : 'while delivering'}`,
    );
    if (!values.prefilled) deliveries.start();
    let started = performance.now();
    let next = 0;
    const produce = async () => {
      while (next < events) {
        const size = Math.min(eventsPerTransaction, events - next);
        next += size;
        const batch = Array.from({ length: size }, () => ({
          type: 'lead.replied' as const,
          occurredAt: new Date(),
          leadId: randomUUID(),
          data: { label: 'interested' },
        }));
        await producers.$transaction((tx) => recordWebhookEvents(tx, organizationId, batch));
      }
    };
    await Promise.all(Array.from({ length: producerConnections }, produce));
    const writtenMs = performance.now() - started;
    log(`written in ${Math.round(writtenMs)} ms; waiting for the deliveries`);
    if (values.prefilled) {
      started = performance.now();
      deliveries.start();
    }
    const deadline = Date.now() + giveUpAfterMs;
    while (receiver.seen.size < events && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    // A last look for late duplicates: anything still in flight arrives within a poll or two.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const seconds = (receiver.lastReceivedAt() - (Date.now() - (performance.now() - started))) / 1000;
    const received = [...receiver.seen.values()].reduce((sum, count) => sum + count, 0);
    const result = {
      bench: 'webhooks',
      events,
      mode: values.prefilled ? 'prefilled outbox, delivery only' : 'writing while delivering',
      seconds: Math.round(seconds * 100) / 100,
      eventsPerSecond: Math.round(events / seconds),
      p50DeliveryLatencyMs: percentile(receiver.latencies, 50),
      p95DeliveryLatencyMs: percentile(receiver.latencies, 95),
      duplicates: received - receiver.seen.size,
      lost: events - receiver.seen.size,
      badSignatures: receiver.badSignatures(),
      concurrency,
    };
    console.log(JSON.stringify(result));
  } finally {
    await deliveries.stop();
    await receiver.close();
    await prisma.$disconnect();
    await producers.$disconnect();
    await database.drop();
  }
}

await main();
