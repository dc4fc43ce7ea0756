import http from 'node:http';
import https from 'node:https';
import type { OutboundDestination } from '../../lib/net/outboundDestination.js';

/** What the delivery log keeps of a response body. */
export const responseBodyLogLimit = 1024;

export interface PostOutcome {
  statusCode: number | null;
  latencyMs: number;
  responseBody: string | null;
  error: string | null;
}

// Kept-alive connections: a busy endpoint takes many deliveries a second.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * POSTs `body` to `url` through the address the target check resolved (so DNS cannot be swapped between
 * check and connection), following no redirect, with one deadline for connecting, sending and reading.
 * Never throws: a network error or the deadline is an outcome with no status code.
 */
export function postWebhook(options: {
  url: URL;
  destination: OutboundDestination;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<PostOutcome> {
  const { url, destination, body } = options;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...outcome, latencyMs: elapsed() });
    };
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request({
      method: 'POST',
      host: destination.address,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      agent: agents[secure ? 'https:' : 'http:'],
      ...(secure ? { servername: destination.servername ?? url.hostname.replace(/^\[(.*)\]$/, '$1') } : {}),
      headers: {
        ...options.headers,
        host: url.host,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'Ophir-Webhooks/1',
      },
    });
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ statusCode: null, responseBody: null, error: `No answer within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    request.on('error', (error) => finish({ statusCode: null, responseBody: null, error: error.message }));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept < responseBodyLogLimit) chunks.push(chunk);
        kept += chunk.length;
      });
      response.on('error', (error) => finish({ statusCode: response.statusCode ?? null, responseBody: null, error: error.message }));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        finish({
          statusCode: response.statusCode ?? null,
          responseBody: text.length > responseBodyLogLimit ? `${text.slice(0, responseBodyLogLimit)}…` : text || null,
          error: null,
        });
      });
    });
    request.end(body);
  });
}
