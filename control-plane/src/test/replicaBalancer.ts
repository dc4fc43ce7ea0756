import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A load balancer in front of control-plane replicas, as production puts one: each request goes to the
 * next replica in turn; a replica that refuses the connection (it died) is skipped and the request goes
 * to the next one, since it never reached the dead one. A request cut off mid-way answers 502, as a
 * real balancer does, so callers see what they would in production.
 */
export class ReplicaBalancer {
  private readonly server = http.createServer((req, res) => void this.forward(req, res));
  private next = 0;
  readonly served = new Map<string, number>();

  constructor(private readonly backends: string[]) {}

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => this.server.once('listening', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    for (let tried = 0; tried < this.backends.length; tried += 1) {
      const backend = this.backends[this.next++ % this.backends.length]!;
      const outcome = await this.attempt(backend, req, body, res);
      if (outcome === 'answered') {
        this.served.set(backend, (this.served.get(backend) ?? 0) + 1);
        return;
      }
      if (outcome === 'cut_off') break;
    }
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  }

  private attempt(
    backend: string,
    req: http.IncomingMessage,
    body: Buffer,
    res: http.ServerResponse,
  ): Promise<'answered' | 'refused' | 'cut_off'> {
    return new Promise((resolve) => {
      const upstream = http.request(`${backend}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => resolve('answered'));
        answer.on('error', () => resolve('cut_off'));
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? 'refused' : 'cut_off'));
      upstream.end(body);
    });
  }
}
