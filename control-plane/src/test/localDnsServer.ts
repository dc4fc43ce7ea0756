import dns2 from 'dns2';
import { findFreePort } from '../runtime/freePort.js';

const { Packet } = dns2;

/** One name's records; a name that is not in the zone answers NXDOMAIN, a type it lacks an empty answer. */
export interface FixtureRecords {
  TXT?: string[];
  MX?: Array<{ exchange: string; priority: number }>;
  A?: string[];
}

export type FixtureZone = Record<string, FixtureRecords>;

export interface LocalDnsServer {
  /** For OPHIR_DNS_SERVERS and Resolver.setServers: "127.0.0.1:<port>". */
  address: string;
  /** Names asked about, in order (lower case). */
  queries: string[];
  close(): Promise<void>;
}

// RFC 1035 §3.3: a character-string holds at most 255 octets; longer TXT data goes out as several.
const characterStrings = (text: string) => text.match(/[\s\S]{1,255}/g) ?? [''];

/**
 * A real DNS server on 127.0.0.1 (UDP, and TCP on the same port for truncated answers) serving
 * fixture zones. Names listed in `silent` are never answered, so a lookup of them times out.
 */
export async function startLocalDnsServer(zone: FixtureZone, options: { silent?: string[] } = {}): Promise<LocalDnsServer> {
  const records = new Map(Object.entries(zone).map(([name, value]) => [name.toLowerCase(), value]));
  const silent = new Set((options.silent ?? []).map((name) => name.toLowerCase()));
  const queries: string[] = [];
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      if (!question) return void send(response);
      const name = question.name.toLowerCase();
      queries.push(name);
      if (silent.has(name)) return;
      const found = records.get(name);
      if (!found) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
        return void send(response);
      }
      const base = { name: question.name, class: Packet.CLASS.IN, ttl: 60 };
      if (question.type === Packet.TYPE.TXT) {
        for (const text of found.TXT ?? [])
          response.answers.push({ ...base, type: Packet.TYPE.TXT, data: characterStrings(text) } as never);
      } else if (question.type === Packet.TYPE.MX) {
        for (const mx of found.MX ?? []) response.answers.push({ ...base, type: Packet.TYPE.MX, ...mx } as never);
      } else if (question.type === Packet.TYPE.A) {
        for (const address of found.A ?? []) response.answers.push({ ...base, type: Packet.TYPE.A, address } as never);
      }
      send(response);
    },
  });
  const port = await findFreePort();
  await server.listen({ udp: { port, address: '127.0.0.1' }, tcp: { port, address: '127.0.0.1' } });
  return { address: `127.0.0.1:${port}`, queries, close: () => server.close() };
}
